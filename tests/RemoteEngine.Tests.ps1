#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The module against a remote engine: the rig's second dockerd (tests/rig/lib-remote.sh), reached over TCP with TLS
    the way users point the Docker CLI at one: DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, in a child
    PowerShell so they are read as the module loads. The rig's server certificate names 127.0.0.1 and localhost only.

    Needs the rig (bash tests/rig/up.sh) and the built module (pwsh ./build.ps1). Run with
        pwsh -NoProfile -c 'Invoke-Pester ./tests/RemoteEngine.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')   # Invoke-Pwsh: a child PowerShell started like this one
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    $script:Manifest = Get-ModuleManifest

    $script:Rig = Get-RigValues   # .rig/env, overridden by the environment
    if (-not $script:Rig.CONTAINERMCP_REMOTE_HOST) { throw 'The rig has no remote engine (no CONTAINERMCP_REMOTE_HOST in .rig/env). Run: bash tests/rig/up.sh' }
    $script:RemoteSocket = "unix://$($script:Rig.CONTAINERMCP_REMOTE_SOCKET)"
    $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-remote-audit-$PID.log"

    # A child PowerShell with the module loaded and the Docker variables set as a user would set them.
    function script:Invoke-Remote([string] $Script, [string] $DockerHost = $script:Rig.CONTAINERMCP_REMOTE_HOST,
                                  [string] $CertPath = $script:Rig.CONTAINERMCP_REMOTE_CERT_PATH) {
        $prelude = "`$ErrorActionPreference = 'Stop'; Import-Module '$script:Manifest'; "
        Invoke-Pwsh -ArgumentList '-Command', ($prelude + $Script) -Environment @{
            DOCKER_HOST = $DockerHost; DOCKER_TLS_VERIFY = '1'; DOCKER_CERT_PATH = $CertPath
            CONTAINERMCP_AUDIT_LOG = $script:AuditLog
        }
    }

    function script:Get-RemoteContainer([string] $Server) {
        @(docker -H $script:RemoteSocket ps -aq --filter "label=io.containermcp.server=$Server")
    }
}

AfterAll {
    Remove-Item "$script:AuditLog*" -ErrorAction SilentlyContinue
    # Whatever a test did, the remote daemon runs again for whoever comes next.
    & bash $script:Rig.CONTAINERMCP_REMOTE_CONTROL start | Out-Null
    docker -H $script:RemoteSocket ps -aq --filter label=io.containermcp.managed | Should -BeNullOrEmpty
}

Describe 'A remote engine over TLS' {
    It 'runs a server there, answers its calls and leaves nothing on either engine' {
        $name = "tls-$(Get-Random)"
        $output = Invoke-Remote @"
`$server = Start-McpServer $name -Image '$($script:Rig.CONTAINERMCP_IMAGE_EVERYTHING)'
(Invoke-McpTool -ServerName $name -Name echo -Arguments @{ message = 'over tls' }).Text
'remote:' + (@(docker -H '$script:RemoteSocket' ps -q --no-trunc --filter 'label=io.containermcp.server=$name') -join ',')
'local:' + (@(docker -H unix:///var/run/docker.sock ps -q --no-trunc --filter 'label=io.containermcp.server=$name') -join ',')
'id:' + `$server.ContainerId
Stop-McpServer $name -Confirm:`$false
"@

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'Echo: over tls'
        $id = ($output | Where-Object { $_ -like 'id:*' }) -replace '^id:'
        $id | Should -Not -BeNullOrEmpty
        $output | Should -Contain "remote:$id"
        $output | Should -Contain 'local:'
        Get-RemoteContainer $name | Should -BeNullOrEmpty
    }

    It 'refuses a daemon certificate that does not name the host it was reached by' {
        $output = Invoke-Remote -DockerHost $script:Rig.CONTAINERMCP_REMOTE_UNNAMED_HOST -Script @"
Start-McpServer refused -Image '$($script:Rig.CONTAINERMCP_IMAGE_EVERYTHING)'
"@

        $LASTEXITCODE | Should -Not -Be 0
        $text = $output -join "`n"
        $text | Should -Match "Cannot reach the Docker engine at tcp://\[::1\]:\d+: the TLS handshake failed"
        $text | Should -Match "made out for 'localhost', '127.0.0.1', not for"
        $text | Should -Match 'DOCKER_CERT_PATH'
        Get-RemoteContainer refused | Should -BeNullOrEmpty
    }

    It 'reads the client certificates from DOCKER_CERT_PATH' {
        $empty = Join-Path $TestDrive 'no-certs'
        $null = New-Item -ItemType Directory $empty

        $output = Invoke-Remote -CertPath $empty -Script @"
Start-McpServer nocerts -Image '$($script:Rig.CONTAINERMCP_IMAGE_EVERYTHING)'
"@

        $LASTEXITCODE | Should -Not -Be 0
        ($output -join "`n") | Should -Match ([regex]::Escape((Join-Path $empty 'ca.pem')))
    }

    It 'shows a server WaitingForEngine while its engine restarts, and it comes back by itself' {
        $name = "survivor-$(Get-Random)"
        $control = $script:Rig.CONTAINERMCP_REMOTE_CONTROL
        $output = Invoke-Remote @"
function Wait-State(`$state) {
    `$deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ((Get-McpServer $name).State -ne `$state) {
        if ([DateTime]::UtcNow -gt `$deadline) { throw "$name did not reach `$state; it is `$((Get-McpServer $name).State)" }
        Start-Sleep -Milliseconds 100
    }
}
`$null = Start-McpServer $name -Image '$($script:Rig.CONTAINERMCP_IMAGE_EVERYTHING)'
bash '$control' stop | Out-Null
Wait-State WaitingForEngine
'table:' + ((Get-McpServer $name | Format-Table -HideTableHeaders | Out-String).Trim())
'lasterror:' + (Get-McpServer $name).LastError
try { Invoke-McpTool -ServerName $name -Name echo -Arguments @{ message = 'down' } } catch { 'refused:' + `$_.CategoryInfo.Category + ' ' + `$_.Exception.Message }
bash '$control' start | Out-Null
Wait-State Running
(Invoke-McpTool -ServerName $name -Name echo -Arguments @{ message = 'back' }).Text
'health:' + (Get-McpServerHealth $name).Status
Stop-McpServer $name -Confirm:`$false
"@

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output | Where-Object { $_ -like 'table:*' }) | Should -Match "^table:$name\s+WaitingForEngine"
        ($output | Where-Object { $_ -like 'lasterror:*' }) | Should -Match 'Cannot reach the Docker engine at tcp://127\.0\.0\.1'
        ($output | Where-Object { $_ -like 'refused:*' }) | Should -Match "^refused:ConnectionError .*waiting for its Docker engine"
        $output | Should -Contain 'Echo: back'
        $output | Should -Contain 'health:Healthy'
        Get-RemoteContainer $name | Should -BeNullOrEmpty
    }
}
