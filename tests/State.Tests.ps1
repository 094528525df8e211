#Requires -Version 7.6
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    A server's state from a user's seat: server-memory, built from npm as the README shows, keeps its knowledge
    graph in a state volume across Restart-McpServer and a stop and start, with the root still read-only; without
    a state path its writes fail with advice; the volume goes only when Remove-McpStateVolume is asked.

    Needs the built module (pwsh ./build.ps1), a Docker daemon, node and npm (the image is made from npm).
    Run with  pwsh -NoProfile -c 'Invoke-Pester ./tests/State.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    $script:Manifest = $env:CONTAINERMCP_MODULE_PATH
    if (-not $script:Manifest) { $script:Manifest = Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1' }
    if (-not (Test-Path $script:Manifest)) { throw "The module is not built: $script:Manifest is missing. Run: pwsh ./build.ps1" }
    # The audit log of a run alone goes to a scratch file, not the user's data folder (another suite may have set one).
    if (-not $env:CONTAINERMCP_AUDIT_LOG) { $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-state-$PID.log" }
    Import-Module (Resolve-Path $script:Manifest).Path -Force -ErrorAction Stop

    $script:Image = Build-McpServerImage -Runtime node -Package @modelcontextprotocol/server-memory -ErrorAction Stop
    $script:Name = "memory-$PID"
    $script:Volume = "containermcp-state-$script:Name"
    $script:Start = @{
        Name        = $script:Name
        Image       = $script:Image.Name
        StatePath   = '/data'
        Environment = @{ MEMORY_FILE_PATH = '/data/memory.jsonl' }   # server-memory's data file, under the state path
    }
    $script:Ada = @{ entities = @(@{ name = 'Ada Lovelace'; entityType = 'person'; observations = @('wrote the first program') }) }

    function script:Get-Volume([string] $Name) { @(docker volume ls -q --filter "name=^$Name$") }
    function script:Get-Entity([string] $Server) {
        (Invoke-McpTool -ServerName $Server -Name read_graph -ErrorAction Stop).Data.entities.name
    }
}

AfterAll {
    Get-McpServer -Name "memory-$PID*" -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
    Remove-McpStateVolume -ServerName $script:Name, "$script:Name-yaml" -Confirm:$false -ErrorAction SilentlyContinue
    docker ps -aq --filter "label=io.containermcp.server=$script:Name" | Should -BeNullOrEmpty
    Remove-Module ContainerMcp -ErrorAction SilentlyContinue
    if ($script:AuditLog) { Remove-Item "$script:AuditLog*" -ErrorAction SilentlyContinue; Remove-Item Env:CONTAINERMCP_AUDIT_LOG }
}

Describe 'server-memory without a state path' {
    It 'fails its write on the read-only root, and the error says how to give it a writable path' {
        $null = Start-McpServer -Name "$script:Name-nostate" -Image $script:Image.Name -ErrorAction Stop
        try {
            Invoke-McpTool -ServerName "$script:Name-nostate" -Name create_entities -Arguments $script:Ada -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed | Should -HaveCount 1
            "$($failed[0])" | Should -Match 'EROFS: read-only file system'
            $advice = $failed[0].ErrorDetails.RecommendedAction
            $advice | Should -Match 'read-only by design'
            $advice | Should -Match '-StatePath /data'
            $advice | Should -Match ([regex]::Escape('state: { path: /data }'))
            ($failed[0] | Out-String) | Should -Match 'Recommendation: .*-StatePath /data' -Because 'PowerShell shows the advice under the error'
        }
        finally {
            Stop-McpServer -Name "$script:Name-nostate" -Confirm:$false
        }
        Get-Volume "containermcp-state-$script:Name-nostate" | Should -BeNullOrEmpty -Because 'no state was asked for'
    }

    It 'gets the same advice when the server dies writing as it starts' {
        Start-McpServer -Name "$script:Name-crash" -Image $script:Image.Name -Entrypoint node -Command '-e', 'require("fs").writeFileSync("/app/state.json", "{}")' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -Match 'EROFS'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match '-StatePath /data'
        Get-McpServer -Name "$script:Name-crash" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'server-memory with -StatePath' {
    It 'keeps an entity across Restart-McpServer, with the root still read-only' {
        $server = Start-McpServer @script:Start -ErrorAction Stop
        $server.StatePath | Should -Be '/data'
        Get-Volume $script:Volume | Should -Be $script:Volume
        $labels = docker volume inspect $script:Volume --format '{{json .Labels}}' | ConvertFrom-Json -AsHashtable
        $labels['io.containermcp.state'] | Should -Be 'true'
        $labels['io.containermcp.server'] | Should -Be $script:Name
        (Test-McpServerIsolation $script:Name).Checks | Where-Object Name -eq ReadOnlyRootFilesystem | ForEach-Object Passed | Should -BeTrue

        $created = Invoke-McpTool -ServerName $script:Name -Name create_entities -Arguments $script:Ada -ErrorAction Stop
        $created.IsError | Should -BeFalse
        $restarted = Restart-McpServer -Name $script:Name -Confirm:$false -PassThru -ErrorAction Stop
        $restarted.ContainerId | Should -Not -Be $server.ContainerId

        Get-Entity $script:Name | Should -Contain 'Ada Lovelace'
    }

    It 'keeps it after a stop (and Remove-McpServer -Orphaned), and a start under the same name finds it' {
        Stop-McpServer -Name $script:Name -Confirm:$false
        docker ps -aq --filter "label=io.containermcp.server=$script:Name" | Should -BeNullOrEmpty
        $kept = Get-McpStateVolume -ServerName $script:Name
        $kept.VolumeName | Should -Be $script:Volume
        $kept.InUse | Should -BeFalse
        Remove-McpServer -Orphaned -Confirm:$false
        Get-Volume $script:Volume | Should -Be $script:Volume -Because 'state volumes are kept on purpose, not orphans'

        $null = Start-McpServer @script:Start -ErrorAction Stop

        Get-Entity $script:Name | Should -Contain 'Ada Lovelace'
        (Get-McpStateVolume -ServerName $script:Name).InUse | Should -BeTrue
    }

    It 'refuses to remove the state of a running server, and removes it once stopped' {
        Remove-McpStateVolume -ServerName $script:Name -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused | Should -HaveCount 1
        "$($refused[0])" | Should -Match 'stop the server first'
        Get-Volume $script:Volume | Should -Be $script:Volume

        Stop-McpServer -Name $script:Name -Confirm:$false
        Get-McpStateVolume -ServerName $script:Name | Remove-McpStateVolume -Confirm:$false -ErrorAction Stop

        Get-Volume $script:Volume | Should -BeNullOrEmpty
        Get-McpStateVolume -ServerName $script:Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'state: in a configuration file' {
    It 'gives a server run from its npm package (package:) its volume, as -StatePath does' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "containermcp-state-$PID.yaml"
        Set-Content -Path $file -Value @"
servers:
  - name: $script:Name-yaml
    package: "@modelcontextprotocol/server-memory"
    state: { path: /var/lib/memory }
    mcp_server:
      env: { MEMORY_FILE_PATH: /var/lib/memory/graph.jsonl }
"@
        try {
            $server = Start-McpServer -ConfigPath $file -ErrorAction Stop
            $server.StatePath | Should -Be '/var/lib/memory'
            (Import-McpServerConfig $file).StatePath | Should -Be '/var/lib/memory'
            Invoke-McpTool -ServerName "$script:Name-yaml" -Name create_entities -Arguments $script:Ada -ErrorAction Stop | Out-Null

            Get-Entity "$script:Name-yaml" | Should -Contain 'Ada Lovelace'
            (Get-McpStateVolume -ServerName "$script:Name-yaml").VolumeName | Should -Be "containermcp-state-$script:Name-yaml"
        }
        finally {
            Stop-McpServer -Name "$script:Name-yaml" -Confirm:$false -ErrorAction SilentlyContinue
            Remove-McpStateVolume -ServerName "$script:Name-yaml" -Confirm:$false -ErrorAction SilentlyContinue
            Remove-Item $file -ErrorAction SilentlyContinue
        }
        Get-Volume "containermcp-state-$script:Name-yaml" | Should -BeNullOrEmpty
    }
}
