#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Servers from packages, from a user's seat: the real npm servers server-memory, server-everything and
    server-filesystem imported from Claude Desktop / VS Code entries (npx) and started with -Package or package:;
    a python server from a wheel on this machine (uvx --from); images named after their package, with labels, a
    latest tag, and piped into Start-McpServer.

    Needs Docker, and node, npm and python3 on this machine (npm's registry, or a cache that has the packages
    below); no image registry and no package index for python. The package versions are pinned so a run is
    reproducible. Run with
        pwsh ./build.ps1 -Task Test
    or  pwsh -NoProfile -c 'Invoke-Pester ./tests/Packages.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    $script:Manifest = $env:CONTAINERMCP_MODULE_PATH
    if (-not $script:Manifest) { $script:Manifest = Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1' }
    if (-not (Test-Path $script:Manifest)) { throw "The module is not built: $script:Manifest is missing. Run: pwsh ./build.ps1" }
    # The audit log of a run alone goes to a scratch file, not the user's data folder (another suite may have set one).
    if (-not $env:CONTAINERMCP_AUDIT_LOG) { $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-packages-$PID.log" }
    Import-Module (Resolve-Path $script:Manifest).Path -Force -ErrorAction Stop

    $script:Memory = '@modelcontextprotocol/server-memory@2026.8.31'
    $script:Everything = '@modelcontextprotocol/server-everything@2026.8.31'
    $script:Filesystem = '@modelcontextprotocol/server-filesystem@2026.8.31'

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "containermcp-packages-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $null = New-Item -ItemType Directory $script:Work
    # Server images made here are removed at the end; bases made from this machine's runtimes are a cache, kept.
    $script:ImagesBefore = @(Get-McpServerImage | ForEach-Object Id)

    function script:Write-Json([string] $Name, [object] $Value) {
        $path = Join-Path $script:Work $Name
        $Value | ConvertTo-Json -Depth 6 | Set-Content $path
        $path
    }
}

AfterAll {
    Get-McpServer | Stop-McpServer -Confirm:$false
    Get-McpServerImage | Where-Object { $_.Role -eq 'server' -and $_.Id -notin $script:ImagesBefore } | Remove-McpServerImage -Force -Confirm:$false
    if ($script:Work) { Remove-Item -Recurse -Force $script:Work }
    if ($script:AuditLog) { Remove-Item -Force -ErrorAction SilentlyContinue "$script:AuditLog*" }
}

Describe 'npx entries imported from MCP clients' {
    It 'starts server-memory from a Claude Desktop entry, and its tools work' {
        $file = Write-Json 'claude_desktop_config.json' @{
            mcpServers = @{ memory = @{ command = 'npx'; args = @('-y', $script:Memory); env = @{ MEMORY_FILE_PATH = '/tmp/memory.jsonl' } } }
        }

        $server = Import-McpServerConfig $file | Start-McpServer -ErrorAction Stop

        $server.Image | Should -BeLike 'containermcp/server-memory:*'
        $entity = @{ name = 'Ada'; entityType = 'person'; observations = @('writes code') }
        Invoke-McpTool -ServerName memory -Name create_entities -Arguments @{ entities = @($entity) } -ErrorAction Stop | Out-Null
        (Invoke-McpTool -ServerName memory -Name read_graph -ErrorAction Stop).Text | Should -Match '"Ada"'
        Stop-McpServer memory -Confirm:$false
    }

    It 'starts server-everything from a VS Code entry (npx without -y)' {
        $file = Write-Json 'mcp.json' @{ servers = @{ everything = @{ type = 'stdio'; command = 'npx'; args = @($script:Everything) } } }

        (Import-McpServerConfig $file | Format-Table | Out-String -Width 300) | Should -Match ([regex]::Escape("(package: $script:Everything)"))
        Import-McpServerConfig $file | Start-McpServer -ErrorAction Stop | Out-Null

        (Invoke-McpTool -ServerName everything -Name echo -Arguments @{ message = 'from VS Code' } -ErrorAction Stop).Text | Should -Be 'Echo: from VS Code'
        Stop-McpServer everything -Confirm:$false
    }
}

Describe 'server-filesystem: a folder of this machine as a mount' {
    BeforeAll {
        $script:Data = Join-Path $script:Work 'data'
        $null = New-Item -ItemType Directory $script:Data
        Set-Content (Join-Path $script:Data 'hello.txt') 'hello from the host'
        # The server runs as uid 10001: a folder it may write to must let that user write.
        if (-not $IsWindows) { chmod 0777 $script:Data }
    }

    It 'imports the folder read-only: reading works, writing fails, a path outside is refused by the server' {
        $file = Write-Json 'fs.json' @{ mcpServers = @{ fs = @{ command = 'npx'; args = @('-y', $script:Filesystem, $script:Data) } } }
        $config = Import-McpServerConfig $file
        $config.Volumes | Should -Be "$($script:Data):$($script:Data)"

        $config | Start-McpServer -ErrorAction Stop | Out-Null

        $read = Invoke-McpTool -ServerName fs -Name read_text_file -Arguments @{ path = "$script:Data/hello.txt" } -ErrorAction Stop
        $read.Text | Should -Match 'hello from the host'
        Invoke-McpTool -ServerName fs -Name write_file -Arguments @{ path = "$script:Data/new.txt"; content = 'x' } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable writeFailed
        "$writeFailed" | Should -Match 'read-only file system'
        Test-Path (Join-Path $script:Data 'new.txt') | Should -BeFalse
        Invoke-McpTool -ServerName fs -Name read_text_file -Arguments @{ path = '/etc/hostname' } -ErrorAction SilentlyContinue -ErrorVariable outside
        "$outside" | Should -Match 'outside allowed directories'
        Stop-McpServer fs -Confirm:$false
    }

    It 'writes where the volume says :rw, in the YAML the import exports to' {
        $file = Join-Path $script:Work 'fs.json'
        $yaml = Join-Path $script:Work 'fs.yaml'
        Import-McpServerConfig $file | Export-McpServerConfig -Path $yaml
        $exported = Get-Content -Raw $yaml
        $exported | Should -Match ([regex]::Escape("package: '$script:Filesystem'"))
        $exported.Replace("$($script:Data):$($script:Data)", "$($script:Data):$($script:Data):rw") | Set-Content $yaml

        Start-McpServer -ConfigPath $yaml -ErrorAction Stop | Out-Null

        Invoke-McpTool -ServerName fs -Name write_file -Arguments @{ path = "$script:Data/written.txt"; content = 'from the container' } -Confirm:$false -ErrorAction Stop | Out-Null
        Get-Content (Join-Path $script:Data 'written.txt') | Should -Be 'from the container'
        Stop-McpServer fs -Confirm:$false
    }

    It 'writes where -Volume says :rw with -Package' {
        $volume = "$($script:Data):$($script:Data):rw"
        Start-McpServer files -Package $script:Filesystem -Command $script:Data -Volume $volume -ErrorAction Stop | Out-Null

        Invoke-McpTool -ServerName files -Name write_file -Arguments @{ path = "$script:Data/also.txt"; content = 'by -Volume' } -Confirm:$false -ErrorAction Stop | Out-Null
        Get-Content (Join-Path $script:Data 'also.txt') | Should -Be 'by -Volume'
        Stop-McpServer files -Confirm:$false
    }
}

Describe 'Start-McpServer -Package and images named after their package' {
    It 'runs the package as npx would, named after it, in an image labelled with it and tagged latest' {
        $server = Start-McpServer -Package $script:Everything -ErrorAction Stop

        $server.Name | Should -Be 'server-everything'
        (Invoke-McpTool -ServerName server-everything -Name echo -Arguments @{ message = 'hi' } -ErrorAction Stop).Text | Should -Be 'Echo: hi'
        $image = Get-McpServerImage 'containermcp/server-everything:latest'
        $image | Should -HaveCount 1
        $image.Name | Should -Be $server.Image
        $image.Runtime | Should -Be 'node'
        $image.Packages | Should -Be $script:Everything
        $image.Bin | Should -Be 'mcp-server-everything'
        $image.Latest | Should -BeTrue
        $labels = (docker image inspect $image.Name | ConvertFrom-Json).Config.Labels
        $labels.'io.containermcp.image.packages' | Should -Be $script:Everything
        $labels.'io.containermcp.image.bin' | Should -Be 'mcp-server-everything'
        (Get-McpServerImage 'containermcp/server-everything:latest' | Format-Table | Out-String -Width 300) |
            Should -Match "Name\s+Runtime\s+Packages\s+Latest[\s\S]*server-everything:\w+\s+node\s+$([regex]::Escape($script:Everything))\s+True"
        Stop-McpServer server-everything -Confirm:$false
    }

    It 'starts the image Build-McpServerImage pipes in, reused unchanged' {
        $server = Build-McpServerImage -Runtime node -Package $script:Everything | Start-McpServer -Name piped -ErrorAction Stop

        $server.Image | Should -BeLike 'containermcp/server-everything:*'
        (Invoke-McpTool -ServerName piped -Name echo -Arguments @{ message = 'piped' } -ErrorAction Stop).Text | Should -Be 'Echo: piped'
        Stop-McpServer piped -Confirm:$false
    }
}

Describe 'uvx entries' {
    It 'runs a python server from a wheel on this machine, as uvx --from would' {
        $wheel = python3 (Join-Path $PSScriptRoot 'rig/servers/echo-wheel.py') $script:Work
        $file = Write-Json 'uvx.json' @{ mcpServers = @{ echo = @{ command = 'uvx'; args = @('--from', $wheel, 'echo-server') } } }

        $server = Import-McpServerConfig $file | Start-McpServer -ErrorAction Stop

        $server.Image | Should -BeLike 'containermcp/echo-server:*'
        (Invoke-McpTool -ServerName echo -Name echo -Arguments @{ message = 'from a wheel' } -ErrorAction Stop).Text | Should -Match '^from a wheel \(python 3\.'
        Stop-McpServer echo -Confirm:$false
    }

    It 'says which package cannot be had, and what to do, when no package index is reachable' {
        $file = Write-Json 'uvx-missing.json' @{ mcpServers = @{ missing = @{ command = 'uvx'; args = @('containermcp-no-such-package') } } }

        Import-McpServerConfig $file | Start-McpServer -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty

        "$failed" | Should -Match "pip could not install 'containermcp-no-such-package'"
        "$failed" | Should -Match 'base image'
        "$failed" | Should -Match 'uvx --from /path/to/x\.whl'
        Get-McpServer missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
