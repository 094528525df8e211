#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    A piped batch: configurations piped into Start-McpServer start together (-ThrottleLimit at a time) and come out
    in input order; one that fails is an error of its own and the others start; Get-McpServer | Stop-McpServer stops
    them all and leaves no container. How fast is the benchmark's business (bench/session.ps1), not these tests'.

    Needs the rig (tests/rig/up.sh writes .rig/env) and the built module (pwsh ./build.ps1).
    Run with  pwsh -NoProfile -c 'Invoke-Pester ./tests/Pipeline.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    if (-not $env:CONTAINERMCP_AUDIT_LOG) { $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-pipeline-$PID.log" }
    Import-Module (Get-ModuleManifest) -Force -ErrorAction Stop

    $script:Rig = Get-RigValues
    if (-not $script:Rig.CONTAINERMCP_RIG_READY) { throw 'The test rig is not up (no .rig/env). Run: bash tests/rig/up.sh' }
    $script:Servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
    $script:Suffix = [guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:ConfigFile = Join-Path ([IO.Path]::GetTempPath()) "containermcp-pipeline-$script:Suffix.yaml"

    # A configuration file of tests/rig/servers/meta-server.js servers; a name in $Missing gets an image that does not exist.
    function script:Write-Batch([string[]] $Names, [string[]] $Missing = @()) {
        $lines = @('servers:')
        foreach ($name in $Names) {
            $image = $name -in $Missing ? 'containermcp-test/does-not-exist:1' : $script:Rig.CONTAINERMCP_IMAGE_NODE
            $lines += "  - name: $name", "    image: $image", "    volumes: [`"$($script:Servers):/srv:ro`"]",
            '    mcp_server: { args: [/srv/meta-server.js] }'
        }
        Set-Content -Path $script:ConfigFile -Value $lines
        $script:ConfigFile
    }
    function script:Get-ServerContainer([string] $Server) { @(docker ps -aq --filter "label=io.containermcp.server=$Server") }
}

AfterAll {
    Get-McpServer "*-$script:Suffix" | Stop-McpServer -Confirm:$false
    Remove-Item $script:ConfigFile -ErrorAction SilentlyContinue
    if ($script:AuditLog) { Remove-Item -Force -ErrorAction SilentlyContinue "$script:AuditLog*" }
    @(docker ps -aq --filter "label=io.containermcp.managed") | Where-Object { $_ } |
        ForEach-Object { docker inspect --format '{{index .Config.Labels "io.containermcp.server"}}' $_ } |
        Where-Object { $_ -like "*-$script:Suffix" } | Should -BeNullOrEmpty
}

Describe 'Configurations piped into Start-McpServer' {
    It 'start all five, written in input order, each answering a call' {
        # Not in name order, so the output order can only be the input's.
        $names = 'echo', 'alpha', 'delta', 'bravo', 'charlie' | ForEach-Object { "$_-$script:Suffix" }
        $started = @(Import-McpServerConfig -Path (Write-Batch $names) | Start-McpServer -ThrottleLimit 3 -ErrorAction Stop)

        $started.Name | Should -Be $names
        $started.State | Should -Be (@('Running') * 5)
        foreach ($name in $names) {
            (Invoke-McpTool -ServerName $name -Name echo -Arguments @{ message = $name }).Text | Should -Be "Echo: $name"
            Get-ServerContainer $name | Should -HaveCount 1
        }
    }

    It 'stop together through Get-McpServer | Stop-McpServer, -PassThru in input order, leaving no container' {
        $running = @(Get-McpServer "*-$script:Suffix")
        $running | Should -HaveCount 5
        $reversed = $running[4..0]

        $stopped = @($reversed | Stop-McpServer -PassThru -Confirm:$false -ErrorAction Stop)

        $stopped.Name | Should -Be $reversed.Name
        Get-McpServer "*-$script:Suffix" | Should -BeNullOrEmpty
        foreach ($name in $running.Name) { Get-ServerContainer $name | Should -BeNullOrEmpty }
    }

    It 'one that cannot start is an error about it alone; the others start, in order' {
        $names = 'one', 'two', 'bad', 'four', 'five' | ForEach-Object { "$_-$script:Suffix" }
        $bad = "bad-$script:Suffix"
        $started = @(Import-McpServerConfig -Path (Write-Batch $names -Missing $bad) |
            Start-McpServer -ErrorAction SilentlyContinue -ErrorVariable failed)

        $started.Name | Should -Be ($names -ne $bad)
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.StartFailed*'
        $failed[0].TargetObject | Should -Be $bad
        $failed[0].Exception.Message | Should -BeLike '*does-not-exist*'
        Get-McpServer $bad -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-ServerContainer $bad | Should -BeNullOrEmpty

        Get-McpServer "*-$script:Suffix" | Stop-McpServer -Confirm:$false
        foreach ($name in $names) { Get-ServerContainer $name | Should -BeNullOrEmpty }
    }

    It 'refuses a -ThrottleLimit below one, before anything starts' {
        { Import-McpServerConfig -Path (Write-Batch "zero-$script:Suffix") | Start-McpServer -ThrottleLimit 0 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-McpServer "zero-$script:Suffix" -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
