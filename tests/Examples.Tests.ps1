#Requires -Version 7.6
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The examples run as a newcomer runs them: each in a fresh PowerShell started like this one, from the
    repository root, and each leaves no container behind.

    Needs the built module (pwsh ./build.ps1; CONTAINERMCP_MODULE_PATH names another), a Docker daemon, node and npm
    (the quick start makes its image from npm), and for postgres-query.ps1 the rig's PostgreSQL (bash tests/rig/up.sh).
    Run with  pwsh -NoProfile -c 'Invoke-Pester ./tests/Examples.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $script:Manifest = $env:CONTAINERMCP_MODULE_PATH
    if (-not $script:Manifest) { $script:Manifest = Join-Path $script:Root 'out/ContainerMcp/ContainerMcp.psd1' }
    if (-not (Test-Path $script:Manifest)) { throw "The module is not built: $script:Manifest is missing. Run: pwsh ./build.ps1" }
    $script:Manifest = (Resolve-Path $script:Manifest).Path

    # Runs a script in a child PowerShell from the repository root; returns its output lines, with no colour codes.
    function script:Invoke-Example([string[]] $ArgumentList) {
        Push-Location $script:Root
        try { @(Invoke-Pwsh -ArgumentList $ArgumentList -Environment @{ NO_COLOR = '1' }) } finally { Pop-Location }
    }

    function script:Get-ServerContainer([string] $Server) {
        @(docker ps -aq --filter "label=io.containermcp.server=$Server")
    }
}

Describe 'examples/quickstart.ps1' {
    BeforeAll {
        $script:Server = "quickstart-$PID"
        $script:Output = Invoke-Example '-File', './examples/quickstart.ps1', '-Name', $script:Server, '-ModulePath', $script:Manifest
        $script:Exit = $LASTEXITCODE
        $script:Text = $script:Output -join "`n"
    }

    It 'runs to the end' {
        $script:Exit | Should -Be 0 -Because $script:Text
        $script:Output[-1] | Should -Be 'Isolated: True'
    }

    It 'makes the server image from the npm package' {
        $script:Text | Should -Match '(?m)^Image containermcp/server-everything:[0-9a-f]+ \((built|reused)\)$'
    }

    It 'starts server-everything and lists its tools' {
        $script:Text | Should -Match "(?m)^Started '$script:Server' \(mcp-servers/everything "
        $script:Text | Should -Match '(?m)^echo\s+Echoes back'
    }

    It 'calls echo' {
        $script:Text | Should -Match '(?m)^echo said: Echo: Hello from PowerShell \(in \d+ ms\)$'
    }

    It 'shows the server Healthy, and every isolation check passed' {
        $script:Text | Should -Match '(?m)^Status\s+: Healthy$'
        $script:Text | Should -Match '(?m)^NonRootUser\s+True\s'
        $script:Text | Should -Match '(?m)^ReadOnlyRootFilesystem\s+True\s'
        $script:Text | Should -Not -Match '(?m)^\w+\s+False\s'
    }

    It 'stops the server: no container is left' {
        Get-ServerContainer $script:Server | Should -BeNullOrEmpty
    }
}

Describe "README's quick start in your own session" {
    It 'runs as written and leaves no container behind' {
        $readme = Get-Content -Raw (Join-Path $script:Root 'README.md')
        $quickStart = $readme.Substring($readme.IndexOf('## Quick start'))
        $block = [regex]::Match($quickStart, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
        $block | Should -Match 'Start-McpServer everything'
        # Only the server's name (unique to this run) and the module under test differ from what a reader types.
        $server = "readme-$PID"
        $script = "`$ErrorActionPreference = 'Stop'`n" +
            ($block -replace '(?<![\w/-])everything(?![\w-])', $server -replace [regex]::Escape('./out/ContainerMcp/ContainerMcp.psd1'), "'$script:Manifest'")

        $output = Invoke-Example '-Command', $script

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $text = $output -join "`n"
        $text | Should -Match '(?m)^Text\s+: Echo: hello$'
        $text | Should -Match '(?m)^Healthy$'
        $text | Should -Match '(?m)^True$'
        Get-ServerContainer $server | Should -BeNullOrEmpty
    }
}

Describe 'examples/postgres-query.ps1' {
    BeforeAll {
        # The rig's database: from the environment when tests/run.sh sourced .rig/env, else from the file.
        $script:Rig = @{}
        $envFile = Join-Path $script:Root '.rig/env'
        if (Test-Path $envFile) {
            foreach ($line in Get-Content $envFile) {
                if ($line -match "^\s*(?:export\s+)?(CONTAINERMCP_\w+)=['`"]?(.*?)['`"]?\s*$") { $script:Rig[$Matches[1]] = $Matches[2] }
            }
        }
        foreach ($key in 'CONTAINERMCP_PG_URL', 'CONTAINERMCP_PG_PASSWORD_FILE') {
            if ($value = [Environment]::GetEnvironmentVariable($key)) { $script:Rig[$key] = $value }
        }
        if (-not $script:Rig.CONTAINERMCP_PG_URL) { throw 'The test rig is not up (no CONTAINERMCP_PG_URL). Run: bash tests/rig/up.sh' }
    }

    It 'queries the database through an image made from npm, and prints the rows' {
        $output = Invoke-Example '-File', './examples/postgres-query.ps1', '-Url', $script:Rig.CONTAINERMCP_PG_URL,
            '-PasswordFile', $script:Rig.CONTAINERMCP_PG_PASSWORD_FILE, '-ModulePath', $script:Manifest

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $started = $output -match '^pg\s+Running\s+containermcp/server-postgres:'
        $started | Should -Not -BeNullOrEmpty -Because ($output -join "`n")
        $output -join "`n" | Should -Match '(?m)^\s*3 gamma$'
        # The example's server is named pg, like other sessions' servers: its own containers are those of its image.
        $image = ($started[0] -split '\s+')[2]
        @(docker ps -aq --filter label=io.containermcp.server=pg --filter "ancestor=$image") | Should -BeNullOrEmpty
        ($output -join "`n") | Should -Not -Match ([regex]::Escape((Get-Content -TotalCount 1 $script:Rig.CONTAINERMCP_PG_PASSWORD_FILE).Trim()))
    }
}
