#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Engine discovery and several engines in one session, against the rig's three real engines: the local dockerd
    (the default), Podman (CONTAINERMCP_PODMAN_HOST) and the remote dockerd over TLS, reached through a Docker context
    of a DOCKER_CONFIG folder made here as `docker context create` would make it (meta.json under the SHA-256 of the
    name, the client certificates under contexts/tls). Each test runs the module in a child PowerShell so the
    variables are read as the module loads.

    Needs the rig (bash tests/rig/up.sh) and the built module (pwsh ./build.ps1). Run with
        pwsh -NoProfile -c 'Invoke-Pester ./tests/Engines.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')
    . (Join-Path $PSScriptRoot 'TestRig.ps1')
    $script:Manifest = Get-ModuleManifest
    $script:Rig = Get-RigValues
    foreach ($key in 'CONTAINERMCP_REMOTE_HOST', 'CONTAINERMCP_PODMAN_HOST') {
        if (-not $script:Rig[$key]) { throw "The rig has no $key in .rig/env. Run: bash tests/rig/up.sh" }
    }
    $script:Image = $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING
    $script:PodmanHost = $script:Rig.CONTAINERMCP_PODMAN_HOST
    $script:RemoteSocket = "unix://$($script:Rig.CONTAINERMCP_REMOTE_SOCKET)"

    # A Docker config folder with one context, rig-remote, as the docker CLI stores it.
    $script:DockerConfig = Join-Path $TestDrive 'docker-config'
    $digest = [Convert]::ToHexStringLower([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes('rig-remote')))
    $meta = New-Item -ItemType Directory (Join-Path $script:DockerConfig "contexts/meta/$digest")
    $tls = New-Item -ItemType Directory (Join-Path $script:DockerConfig "contexts/tls/$digest/docker")
    Copy-Item (Join-Path $script:Rig.CONTAINERMCP_REMOTE_CERT_PATH '*.pem') $tls
    @{ Name = 'rig-remote'; Metadata = @{}; Endpoints = @{ docker = @{ Host = $script:Rig.CONTAINERMCP_REMOTE_HOST; SkipTLSVerify = $false } } } |
        ConvertTo-Json -Depth 5 | Set-Content (Join-Path $meta 'meta.json')

    # A child PowerShell with the module loaded, this DOCKER_CONFIG, and no other engine variable.
    function script:Invoke-Engines([string] $Script, [hashtable] $Environment = @{}) {
        $variables = @{ DOCKER_CONFIG = $script:DockerConfig; DOCKER_HOST = $null; DOCKER_CONTEXT = $null; CONTAINER_HOST = $null
                        DOCKER_TLS_VERIFY = $null; DOCKER_CERT_PATH = $null }
        foreach ($key in $Environment.Keys) { $variables[$key] = $Environment[$key] }
        Invoke-Pwsh -ArgumentList '-Command', ("`$ErrorActionPreference = 'Stop'; Import-Module '$script:Manifest'; " + $Script) -Environment $variables
    }

    # The containers, running or not, that carry this server label on one engine.
    function script:Get-EngineContainer([string] $DockerHost, [string] $Server) {
        @(docker -H $DockerHost ps -aq --filter "label=io.containermcp.server=$Server")
    }

    # The JSON line a child wrote after the marker.
    function script:Read-Json([string[]] $Output, [string] $Marker) {
        (($Output | Where-Object { $_ -like "${Marker}:*" }) -replace "^${Marker}:") | ConvertFrom-Json
    }
}

AfterAll {
    # Whatever failed, nothing of these tests stays on any engine: their servers are all named eng-*.
    foreach ($engine in 'unix:///var/run/docker.sock', $script:PodmanHost, $script:RemoteSocket) {
        $ours = @(docker -H $engine ps -a --filter label=io.containermcp.managed --format '{{.ID}} {{.Label "io.containermcp.server"}}' |
            Where-Object { ($_ -split ' ', 2)[1] -like 'eng-*' } | ForEach-Object { ($_ -split ' ', 2)[0] })
        if ($ours) { docker -H $engine rm -f @ours | Out-Null }
    }
}

Describe 'Get-McpEngine' {
    It 'lists the default engine, the context to the remote TLS engine and Podman, each with what it is' {
        $output = Invoke-Engines "'json:' + (Get-McpEngine | Select-Object Name, Kind, Version, ApiVersion, Os, Rootless, IsDefault, Endpoint, Source | ConvertTo-Json -Compress)"

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $engines = @(Read-Json $output 'json')
        $remote = $engines | Where-Object Name -EQ 'rig-remote'
        $remote.Kind | Should -Be 'Docker'
        $remote.Version | Should -Match '^\d+\.\d+'
        $remote.ApiVersion | Should -Match '^1\.\d+$'
        $remote.Os | Should -Be 'linux'
        $remote.Endpoint | Should -Be $script:Rig.CONTAINERMCP_REMOTE_HOST
        $remote.Source | Should -BeLike "docker context in *"
        $remote.IsDefault | Should -BeFalse
        $default = $engines | Where-Object Name -EQ 'default'
        $default.IsDefault | Should -BeTrue
        $default.Endpoint | Should -Be 'unix:///var/run/docker.sock'
        $podman = $engines | Where-Object Endpoint -EQ $script:PodmanHost
        $podman.Kind | Should -Be 'Podman'
        $podman.Version | Should -Match '^\d+\.\d+'
        @($engines | Where-Object IsDefault).Count | Should -Be 1
    }

    It 'takes wildcards, names an unknown engine, and with -All shows one that does not answer, and why' {
        $output = Invoke-Engines @'
'names:' + ((Get-McpEngine -Name 'rig-*', 'def*').Name -join ',')
Get-McpEngine -Name nowhere -ErrorAction SilentlyContinue -ErrorVariable missing
'missing:' + $missing[0].Exception.Message
'listed:' + @(Get-McpEngine | Where-Object Name -EQ 'podman').Count
'all:' + (Get-McpEngine -All | Where-Object Name -EQ 'podman' | ForEach-Object { '{0}|{1}|{2}' -f $_.Reachable, $_.Endpoint, $_.Problem })
Get-McpEngine podman -ErrorAction SilentlyContinue -ErrorVariable down
'down:' + $down[0].Exception.Message
'@ -Environment @{ CONTAINER_HOST = 'unix:///nonexistent/podman.sock' }

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'names:default,rig-remote'
        ($output | Where-Object { $_ -like 'missing:*' }) | Should -Match "No engine is named 'nowhere'. Known engines: default, rig-remote, podman"
        $output | Should -Contain 'listed:0'
        ($output | Where-Object { $_ -like 'all:*' }) | Should -Match '^all:False\|unix:///nonexistent/podman.sock\|.*Cannot reach'
        ($output | Where-Object { $_ -like 'down:*' }) | Should -Match "The engine 'podman' \(unix:///nonexistent/podman.sock\) cannot be reached"
    }
}

Describe 'A default engine that cannot be used' {
    It 'is listed by -All as the default with why, and warned of without it' {
        $output = Invoke-Engines @'
'all:' + (Get-McpEngine -All | Where-Object IsDefault | ForEach-Object { '{0}|{1}|{2}' -f $_.Name, $_.Reachable, $_.Problem })
'others:' + ((Get-McpEngine 3>$null).Name -join ',')
Get-McpEngine -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
'warned:' + $warned[0]
try { Start-McpServer x -Image busybox } catch { 'start:' + $_.Exception.Message }
'@ -Environment @{ DOCKER_CONTEXT = 'gone' }

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output | Where-Object { $_ -like 'all:*' }) | Should -Match "^all:gone\|False\|DOCKER_CONTEXT names the context 'gone', which .* does not hold"
        $output | Should -Contain 'others:default,rig-remote,podman'
        ($output | Where-Object { $_ -like 'warned:*' }) | Should -Match "^warned:The default engine 'gone' .*cannot be reached"
        ($output | Where-Object { $_ -like 'start:*' }) | Should -Match "^start:The engine 'gone' cannot be used: DOCKER_CONTEXT names the context 'gone'"
    }
}

Describe 'Completion' {
    It 'offers the engine names, and after -Engine the images of that engine' {
        $output = Invoke-Engines @'
'engines:' + ((TabExpansion2 'Start-McpServer x -Engine ').CompletionMatches.CompletionText -join ',')
'podman:' + ((TabExpansion2 'Start-McpServer x -Engine podman -Image localhost/').CompletionMatches.CompletionText -join ',')
'default:' + ((TabExpansion2 'Start-McpServer x -Image localhost/').CompletionMatches.CompletionText -join ',')
'@

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'engines:default,rig-remote,podman'
        # Podman names local images localhost/…; dockerd has none of that name.
        ($output | Where-Object { $_ -like 'podman:*' }) | Should -Match 'localhost/containermcp/everything:local'
        $output | Should -Contain 'default:'
    }
}

Describe 'An engine per server' {
    It 'runs servers on the local dockerd, on Podman and on the remote engine in one session, and leaves nothing on any' {
        $names = @{ local = "eng-local-$(Get-Random)"; podman = "eng-podman-$(Get-Random)"; remote = "eng-remote-$(Get-Random)"; yaml = "eng-yaml-$(Get-Random)" }
        $config = Join-Path $TestDrive 'remote.yaml'
        @"
servers:
  - name: $($names.yaml)
    engine: rig-remote
    image: $script:Image
"@ | Set-Content $config

        $output = Invoke-Engines @"
Start-McpServer $($names.local) -Image '$script:Image' | Out-Null
Start-McpServer $($names.podman) -Image '$script:Image' -Engine '$script:PodmanHost' | Out-Null
Start-McpServer $($names.remote) -Image '$script:Image' -Engine rig-remote | Out-Null
Start-McpServer -ConfigPath '$config' | Out-Null
foreach (`$name in '$($names.local)', '$($names.podman)', '$($names.remote)', '$($names.yaml)') {
    'echo:' + (Invoke-McpTool -ServerName `$name -Name echo -Arguments @{ message = "from `$name" }).Text
}
'servers:' + (Get-McpServer | Select-Object Name, Engine, EngineEndpoint, ContainerId | ConvertTo-Json -Compress)
'isolated:' + ((Test-McpServerIsolation '$($names.podman)', '$($names.remote)').Name -join ',')
Get-McpServer | Stop-McpServer -Confirm:`$false
# Other sessions' leftovers may lie about; none of these servers' may.
'orphans:' + ((Get-McpServer -Orphaned | Where-Object LabelledServer -Like 'eng-*' | ForEach-Object { '{0}@{1}' -f `$_.LabelledServer, `$_.Engine }) -join ',')
"@

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        foreach ($name in $names.Values) { $output | Should -Contain "echo:Echo: from $name" }
        $servers = @(Read-Json $output 'servers')
        ($servers | Where-Object Name -EQ $names.local).Engine | Should -Be 'default'
        ($servers | Where-Object Name -EQ $names.podman).EngineEndpoint | Should -Be $script:PodmanHost
        ($servers | Where-Object Name -EQ $names.remote).Engine | Should -Be 'rig-remote'
        ($servers | Where-Object Name -EQ $names.remote).EngineEndpoint | Should -Be $script:Rig.CONTAINERMCP_REMOTE_HOST
        ($servers | Where-Object Name -EQ $names.yaml).Engine | Should -Be 'rig-remote'
        $output | Should -Contain "isolated:$($names.podman),$($names.remote)"
        $output | Should -Contain 'orphans:'
        # Each container ran where it was sent, and is gone from every engine.
        foreach ($engine in 'unix:///var/run/docker.sock', $script:PodmanHost, $script:RemoteSocket) {
            foreach ($name in $names.Values) { Get-EngineContainer $engine $name | Should -BeNullOrEmpty }
        }
    }

    It 'makes the DOCKER_CONTEXT context the default engine' {
        $name = "eng-context-$(Get-Random)"
        $output = Invoke-Engines @"
'default:' + (Get-McpEngine | Where-Object IsDefault).Name
`$server = Start-McpServer $name -Image '$script:Image'
'engine:' + `$server.Engine
'remote:' + (@(docker -H '$script:RemoteSocket' ps -q --no-trunc --filter 'label=io.containermcp.server=$name') -join ',')
'id:' + `$server.ContainerId
Stop-McpServer $name -Confirm:`$false
"@ -Environment @{ DOCKER_CONTEXT = 'rig-remote' }

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'default:rig-remote'
        $output | Should -Contain 'engine:rig-remote'
        $id = ($output | Where-Object { $_ -like 'id:*' }) -replace '^id:'
        $output | Should -Contain "remote:$id"
        Get-EngineContainer $script:RemoteSocket $name | Should -BeNullOrEmpty
    }

    It 'builds an image on Podman, starts it there by piping, and removes it there' {
        $name = "eng-piped-$(Get-Random)"
        $context = New-Item -ItemType Directory (Join-Path $TestDrive 'piped')
        Set-Content (Join-Path $context 'Dockerfile') "FROM $script:Image"
        $output = Invoke-Engines @"
`$image = Build-McpServerImage -Runtime custom -Dockerfile '$context/Dockerfile' -Repository containermcp-test/$name -Engine podman
'image:' + `$image.Engine + '|' + `$image.Name
`$server = `$image | Start-McpServer -Name $name
'server:' + `$server.Engine + '|' + `$server.EngineEndpoint
'echo:' + (Invoke-McpTool -ServerName $name -Name echo -Arguments @{ message = 'piped' }).Text
Stop-McpServer $name -Confirm:`$false
# Podman may list the image as docker.io/containermcp-test/…, hence the leading wildcard.
'listed:' + ((Get-McpServerImage -Engine podman "*containermcp-test/$name*").Engine -join ',')
'local:' + @(Get-McpServerImage "*containermcp-test/$name*").Count
`$image | Remove-McpServerImage -Confirm:`$false
'left:' + @(Get-McpServerImage -Engine podman "*containermcp-test/$name*").Count
"@

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output | Where-Object { $_ -like 'image:*' }) | Should -BeLike "image:podman|containermcp-test/${name}:*"
        $output | Should -Contain "server:podman|$script:PodmanHost"
        $output | Should -Contain 'echo:Echo: piped'
        $output | Should -Contain 'listed:podman'
        $output | Should -Contain 'local:0'
        $output | Should -Contain 'left:0'
        Get-EngineContainer $script:PodmanHost $name | Should -BeNullOrEmpty
    }

    It 'refuses an engine name it does not know, naming it and the known ones, before anything starts' {
        $name = "eng-unknown-$(Get-Random)"
        $output = Invoke-Engines @"
Start-McpServer $name -Image '$script:Image' -Engine rig-remtoe -ErrorAction SilentlyContinue -ErrorVariable started
'start:' + `$started[0].FullyQualifiedErrorId + '|' + `$started[0].CategoryInfo.Category + '|' + `$started[0].Exception.Message
try { Get-McpServerImage -Engine rig-remtoe } catch { 'images:' + `$_.Exception.Message }
'servers:' + @(Get-McpServer).Count
"@

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output | Where-Object { $_ -like 'start:*' }) |
            Should -Match "^start:ContainerMcp.StartFailed,.*\|InvalidArgument\|No engine is named 'rig-remtoe'. Known engines: default, rig-remote, podman"
        ($output | Where-Object { $_ -like 'images:*' }) | Should -Match "No engine is named 'rig-remtoe'"
        $output | Should -Contain 'servers:0'
        Get-EngineContainer 'unix:///var/run/docker.sock' $name | Should -BeNullOrEmpty
    }
}
