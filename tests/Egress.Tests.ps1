#Requires -Version 7.6
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Egress by allow-list from a user's seat: Start-McpServer -AllowPrivateEgress names one of two upstream HTTP
    servers on a network of the test's own; the server (tests/rig/servers/egress-server.js) reaches it through its
    Squid proxy, is refused the other and this machine, reaches nothing around the proxy, and the refusals show in
    Get-McpServerLog -Egress and Get-McpAuditLog. A bad entry is refused naming it. Nothing of ours is left after.

    Needs the built module (pwsh ./build.ps1), a Docker daemon and the rig's node and squid images.
    Run with  pwsh -NoProfile -c 'Invoke-Pester ./tests/Egress.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestRig.ps1')
    # The audit log of a run alone goes to a scratch file, not the user's data folder (another suite may have set one).
    if (-not $env:CONTAINERMCP_AUDIT_LOG) { $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-egress-$PID.log" }
    Import-Module (Get-ModuleManifest) -Force -ErrorAction Stop
    $rig = Get-RigValues
    $script:NodeImage = $rig.CONTAINERMCP_IMAGE_NODE
    $script:SquidImage = if ($rig.CONTAINERMCP_IMAGE_SQUID) { $rig.CONTAINERMCP_IMAGE_SQUID } else { 'containermcp/squid:local' }
    $script:PgPort = ([uri]($rig.CONTAINERMCP_PG_URL -replace '^postgresql:', 'http:')).Port
    $script:Servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path

    # The upstream network and its two HTTP servers, each answering with its own name.
    $script:Upstream = "containermcp-test-upstream-$PID"
    docker network create --label io.containermcp.test=egress $script:Upstream | Out-Null
    $script:Allowed, $script:Other = "upstream-a-$PID", "upstream-b-$PID"
    foreach ($name in $script:Allowed, $script:Other) {
        docker run -d --name $name --network $script:Upstream --label io.containermcp.test=egress --read-only --cap-drop ALL `
            $script:NodeImage -e "require('http').createServer((q, r) => r.end('$name\n')).listen(8080, () => console.log('listening'))" | Out-Null
    }
    $deadline = (Get-Date).AddSeconds(30)
    while ((docker logs $script:Allowed 2>&1) -notcontains 'listening' -or (docker logs $script:Other 2>&1) -notcontains 'listening') {
        if ((Get-Date) -gt $deadline) { throw 'The upstream HTTP servers did not listen within 30 s.' }
        Start-Sleep -Milliseconds 100
    }
    $script:OtherAddress = docker inspect -f "{{ (index .NetworkSettings.Networks `"$script:Upstream`").IPAddress }}" $script:Other
    $script:Gateway = docker network inspect -f '{{ (index .IPAM.Config 0).Gateway }}' $script:Upstream
    $script:Name = "egress-$PID"

    function script:Invoke-Egress([string] $Tool, [hashtable] $Arguments) {
        (Invoke-McpTool -ServerName $script:Name -Name $Tool -Arguments $Arguments -ErrorAction Stop).Text
    }
}

AfterAll {
    Get-McpServer -Name "egress-$PID*" -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
    docker rm -f "upstream-a-$PID" "upstream-b-$PID" 2>&1 | Out-Null
    docker network rm "containermcp-test-upstream-$PID" 2>&1 | Out-Null
    if ($script:AuditLog) { Remove-Item "$script:AuditLog*" -ErrorAction SilentlyContinue; Remove-Item Env:CONTAINERMCP_AUDIT_LOG }
}

Describe 'Egress by allow-list' {
    It 'refuses an entry naming a private range, naming the entry and the way to allow it' {
        { Start-McpServer "egress-$PID-bad" -Image $script:NodeImage -AllowEgress 'api.example.com:443', '192.168.1.10:443' -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*-AllowEgress entry '192.168.1.10:443'*-AllowPrivateEgress*"
        docker ps -aq --filter "label=io.containermcp.server=egress-$PID-bad" | Should -BeNullOrEmpty
    }

    It 'refuses -AllowEgress with -Network, since the server gets a network of its own' {
        { Start-McpServer "egress-$PID-net" -Image $script:NodeImage -Network bridge -AllowEgress api.example.com -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*drop -Network*'
    }

    It 'reaches the allowed upstream through its proxy and nothing else' {
        $server = Start-McpServer $script:Name -Image $script:NodeImage -Command /srv/egress-server.js -Volume "$($script:Servers):/srv:ro" `
            -AllowPrivateEgress "$($script:Allowed):8080" -EgressProxyImage $script:SquidImage -EgressNetwork $script:Upstream -ErrorAction Stop
        $server.State | Should -Be 'Running'
        $server.AllowEgress | Should -Be @("$($script:Allowed):8080 (private)")
        $server.EgressProxy | Should -Not -BeNullOrEmpty
        $server.Network | Should -BeLike "containermcp-egress-$($script:Name)-*"

        Invoke-Egress fetch @{ url = "http://$($script:Allowed):8080/" } | Should -Be "200 $($script:Allowed)"
        Invoke-Egress connect @{ host = $script:Allowed; port = 8080 } | Should -Be "CONNECT 200 $($script:Allowed)"
        Invoke-Egress fetch @{ url = "http://$($script:Other):8080/" } | Should -Be '403'
        Invoke-Egress connect @{ host = $script:Gateway; port = $script:PgPort } | Should -Be 'CONNECT 403'
        Invoke-Egress fetch_direct @{ host = $script:OtherAddress; port = 8080 } | Should -BeLike 'error*'
        Invoke-Egress fetch_direct @{ host = $script:Gateway; port = $script:PgPort } | Should -BeLike 'error*'

        # Squid logs a request once it is done: wait (bounded) for the four through the proxy.
        $deadline = (Get-Date).AddSeconds(10)
        while (@(Get-McpServerLog $script:Name -Egress).Count -lt 4 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $denied = Get-McpServerLog $script:Name -Egress | Where-Object { -not $_.Allowed }
        $denied.Destination | Should -Contain "$($script:Other):8080"
        $denied.Destination | Should -Contain "$($script:Gateway):$($script:PgPort)"
        (Get-McpServerLog $script:Name -Egress | Where-Object Allowed).Destination | Should -Contain "$($script:Allowed):8080"
        $audit = Get-McpAuditLog -Server $script:Name | Where-Object Event -eq egress
        ($audit | Where-Object Outcome -eq denied).Destination | Should -Contain "$($script:Other):8080"

        $isolation = Test-McpServerIsolation $script:Name
        $isolation.IsIsolated | Should -BeTrue -Because ($isolation.Reasons -join ' ')
        $isolation['EgressOnlyThroughProxy'].Passed | Should -BeTrue
        $isolation.EgressAllowList | Should -Be @("$($script:Allowed):8080 (private)")
    }

    It 'leaves no container or network of the server behind once stopped' {
        Stop-McpServer $script:Name -Confirm:$false
        docker ps -aq --filter "label=io.containermcp.server=$script:Name" | Should -BeNullOrEmpty
        docker network ls -q --filter "name=containermcp-egress-$script:Name-" | Should -BeNullOrEmpty
    }
}
