#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The module against Podman: the rig's Podman service (CONTAINERMCP_PODMAN_HOST in .rig/env) serves the Docker
    Engine API, and each test runs the module in a child PowerShell whose DOCKER_HOST names that socket. What the
    module did is then read back from Podman itself (podman --url …), not from the module.

    Needs the rig (bash tests/rig/up.sh starts Podman and copies the node and everything images into it) and the
    built module (pwsh ./build.ps1). Nothing here touches dockerd, and nothing is left in Podman afterwards.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')   # Invoke-Pwsh: a child PowerShell started like this one
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    $script:Manifest = Get-ModuleManifest

    $script:Rig = Get-RigValues   # .rig/env, overridden by the environment
    $script:PodmanHost = $script:Rig.CONTAINERMCP_PODMAN_HOST
    if (-not $script:PodmanHost) { throw 'The test rig has no Podman (no CONTAINERMCP_PODMAN_HOST in .rig/env). Run: bash tests/rig/up.sh' }
    $script:Scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "containermcp-podman-$([guid]::NewGuid().ToString('n'))")).FullName

    # The podman CLI, speaking to the same service the module does.
    function script:podmanx { podman --url $script:PodmanHost @args }

    function script:Get-PodmanLeftovers {
        @(podmanx ps -aq --filter label=io.containermcp.managed) + @(podmanx network ls -q --filter label=io.containermcp.managed) +
            @(podmanx volume ls -q --filter label=io.containermcp.managed | Where-Object { $_ -notin $script:VolumesBefore }) +
            @(podmanx pod ps -q) | Where-Object { $_ }
    }

    <#
        Runs $Script in a child PowerShell that has the module imported and Podman as its engine, and returns what the
        script returns (through JSON). $Values become variables of the script. The child's output is in the error
        when it fails.
    #>
    function script:Invoke-OnPodman([string] $Script, [hashtable] $Values = @{}) {
        $lines = @('$ErrorActionPreference = ''Stop''', "Import-Module '$($script:Manifest)'")
        $lines += "`$PodmanHost = '$($script:PodmanHost)'"
        $lines += 'function podmanx { podman --url $PodmanHost @args }'
        foreach ($key in $Values.Keys) { $lines += "`$$key = '$($Values[$key] -replace "'", "''")'" }
        $lines += "`$result = & { $Script }", '''@@result '' + (ConvertTo-Json -InputObject $result -Depth 6 -Compress)'
        $file = Join-Path $script:Scratch "child-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content -Path $file -Value $lines
        $output = Invoke-Pwsh -ArgumentList @('-File', $file) -Environment @{
            DOCKER_HOST = $script:PodmanHost; DOCKER_TLS_VERIFY = $null; DOCKER_CERT_PATH = $null
            CONTAINERMCP_AUDIT_LOG = Join-Path $script:Scratch 'audit.log'
        }
        $code = $LASTEXITCODE
        $result = $output | Where-Object { $_.StartsWith('@@result ') } | Select-Object -Last 1
        if ($code -ne 0 -or -not $result) { throw "The child PowerShell on Podman failed (exit $code):`n$($output -join "`n")" }
        $result.Substring('@@result '.Length) | ConvertFrom-Json
    }

    # State volumes are kept on purpose; only those made during this file count as left behind.
    $script:VolumesBefore = @(podmanx volume ls -q --filter label=io.containermcp.managed)
    $script:Everything = $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING
    $script:Node = $script:Rig.CONTAINERMCP_IMAGE_NODE
    podmanx image exists $script:Everything
    if ($LASTEXITCODE -ne 0) { throw "Podman has no $script:Everything. Run: bash tests/rig/up.sh (it copies the rig images into Podman)" }
}

AfterAll {
    # Whatever a failed test left is removed, and still fails the run.
    $left = @(Get-PodmanLeftovers)
    if ($left) {
        podmanx ps -aq --filter label=io.containermcp.managed | ForEach-Object { podmanx rm -f -t 0 $_ } | Out-Null
        podmanx network ls -q --filter label=io.containermcp.managed | ForEach-Object { podmanx network rm -f $_ } | Out-Null
        podmanx volume ls -q --filter label=io.containermcp.managed | Where-Object { $_ -notin $script:VolumesBefore } |
            ForEach-Object { podmanx volume rm -f $_ } | Out-Null
    }
    if ($script:Scratch) { Remove-Item -Recurse -Force $script:Scratch -ErrorAction SilentlyContinue }
    $left | Should -BeNullOrEmpty -Because 'no container, network, volume or pod of ours may be left in Podman'
}

Describe 'Servers on Podman' {
    It 'starts a server on Podman, calls a tool with progress, and stops it leaving no container' {
        $r = Invoke-OnPodman -Values @{ Image = $script:Everything; Manifest = $script:Manifest } -Script {
            $server = Start-McpServer pm -Image $Image
            $onPodman = podmanx container inspect --format '{{.State.Status}}' $server.ContainerId
            $echo = Invoke-McpTool -ServerName pm -Name echo -Arguments @{ message = 'on podman' }
            # Progress records are only seen by a host: a second runspace of this process (the servers are shared) collects them.
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$Manifest'; Invoke-McpTool -ServerName pm -Name trigger-long-running-operation -Arguments @{ duration = 2; steps = 4 }")
            $long = $ps.Invoke()
            $progress = @($ps.Streams.Progress | Where-Object RecordType -ne Completed | ForEach-Object PercentComplete)
            $health = Get-McpServerHealth pm
            Stop-McpServer pm -Confirm:$false
            @{ Id = $server.ContainerId; State = $onPodman; Echo = $echo.Text; Long = "$($long.Text)"; Progress = $progress
               Health = "$($health.Status)"; Left = @(podmanx ps -aq --filter "id=$($server.ContainerId)") }
        }

        $r.State | Should -Be 'running' -Because 'the server container runs on Podman'
        docker ps -aq --filter "id=$($r.Id)" | Should -BeNullOrEmpty -Because 'dockerd never saw it'
        $r.Echo | Should -Be 'Echo: on podman'
        $r.Long | Should -Match 'Long running operation completed'
        # Steps 500 ms apart: slower than the module's progress throttle (one record per 250 ms), so none is held back.
        @($r.Progress).Count | Should -BeGreaterOrEqual 3 -Because 'the steps before the last report progress while the tool runs'
        @($r.Progress)[0..2] | Should -Be @(25, 50, 75)
        $r.Health | Should -Be 'Healthy'
        $r.Left | Should -BeNullOrEmpty
    }

    It 'runs a default server hardened, as Podman and the process inside report, and Test-McpServerIsolation says it is isolated' {
        $r = Invoke-OnPodman -Values @{ Image = $script:Everything } -Script {
            $server = Start-McpServer iso -Image $Image
            $report = Test-McpServerIsolation iso
            $inspect = podmanx container inspect $server.ContainerId | ConvertFrom-Json
            # What the kernel says about the server's process, and whether it can write to its root or reach a network.
            $inside = podmanx exec $server.ContainerId /usr/bin/node -e '
                const fs = require("fs");
                const status = fs.readFileSync("/proc/1/status", "utf8");
                const field = n => status.match(new RegExp("^" + n + ":\\s*(\\S+)", "m"))[1];
                let write = "written"; try { fs.writeFileSync("/app/probe", "x"); } catch (e) { write = e.code; }
                console.log(JSON.stringify({ uid: process.getuid(), capEff: field("CapEff"), capBnd: field("CapBnd"),
                    noNewPrivs: field("NoNewPrivs"), write, interfaces: fs.readdirSync("/sys/class/net") }));' | ConvertFrom-Json
            Stop-McpServer iso -Confirm:$false
            @{ IsIsolated = $report.IsIsolated; Reasons = @($report.Reasons); Failed = @($report.Checks | Where-Object { -not $_.Passed } | ForEach-Object Name)
               ReadOnly = $inspect.HostConfig.ReadonlyRootfs; NetworkMode = $inspect.HostConfig.NetworkMode; Inside = $inside }
        }

        $r.IsIsolated | Should -BeTrue -Because ($r.Reasons -join ' ')
        $r.Failed | Should -BeNullOrEmpty
        $r.ReadOnly | Should -BeTrue
        $r.NetworkMode | Should -Be 'none'
        $r.Inside.uid | Should -Be 10001
        $r.Inside.capEff | Should -Be '0000000000000000'
        $r.Inside.capBnd | Should -Be '0000000000000000'
        $r.Inside.noNewPrivs | Should -Be '1'
        $r.Inside.write | Should -Be 'EROFS'
        $r.Inside.interfaces | Should -Be @('lo')
    }

    It 'makes an internal network on demand, says honestly that Podman leaves it reaching this machine, and removes it with its server' {
        $network = "cmcp-podman-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $r = Invoke-OnPodman -Values @{ Image = $script:Everything; Network = $network } -Script {
            $null = Start-McpServer pnet -Image $Image -Network $Network -InternalNetwork
            $made = podmanx network inspect $Network | ConvertFrom-Json
            $report = Test-McpServerIsolation pnet
            $echo = Invoke-McpTool -ServerName pnet -Name echo -Arguments @{ message = 'inside' }
            Stop-McpServer pnet -Confirm:$false
            @{ Internal = $made.internal; Managed = $made.labels.'io.containermcp.managed'; Networks = @($report.Networks)
               Reasons = @($report.Reasons); Echo = $echo.Text; Left = @(podmanx network ls -q --filter "name=^$Network$") }
        }

        $r.Internal | Should -BeTrue
        $r.Managed | Should -Be 'true'
        $r.Echo | Should -Be 'Echo: inside'
        $r.Networks.Name | Should -Be $network
        $r.Networks.Internal | Should -BeTrue
        # Podman 4 keeps the gateway address on the bridge of an internal network (Docker's inhibit_ipv4 has no
        # counterpart), so its servers can reach this machine's services there: the report must say so.
        $r.Networks.ReachesHost | Should -BeTrue
        $r.Reasons | Should -Be @("Internal network $network still reaches this machine's own addresses.")
        $r.Left | Should -BeNullOrEmpty -Because 'the network goes with its last server'
    }

    It 'lists an orphaned container on Podman and removes it, leaving the live server running' {
        $ended = Start-Process sleep -ArgumentList 60 -PassThru
        $ended | Stop-Process -Force
        $ended.WaitForExit()
        $orphan = podmanx run -d --network none --label io.containermcp.managed=true --label io.containermcp.server=stray `
            --label "io.containermcp.owner.pid=$($ended.Id)" --label "io.containermcp.owner.host=$([Environment]::MachineName)" `
            $script:Node -e 'setInterval(() => {}, 1000)'
        $LASTEXITCODE | Should -Be 0 -Because 'podman run makes the orphan'
        try {
            $r = Invoke-OnPodman -Values @{ Image = $script:Everything; Orphan = $orphan } -Script {
                $null = Start-McpServer live -Image $Image
                $found = @(Get-McpServer -Orphaned | Where-Object ContainerId -eq $Orphan)
                $own = @(Get-McpServer -Orphaned | Where-Object ContainerId -eq (Get-McpServer live).ContainerId)
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $removed = $found | Remove-McpServer -Confirm:$false -PassThru
                $clock.Stop()
                $health = Get-McpServerHealth live
                Stop-McpServer live -Confirm:$false
                @{ Found = $found.Count; Server = $found[0].LabelledServer; Reason = $found[0].Reason; Own = $own.Count
                   Removed = $removed.ContainerId; RemoveSeconds = $clock.Elapsed.TotalSeconds; Health = "$($health.Status)" }
            }

            $r.Found | Should -Be 1
            $r.Server | Should -Be 'stray'
            $r.Reason | Should -Match "process $($ended.Id) .*has exited"
            $r.Own | Should -Be 0 -Because "the session's own server is not an orphan"
            $r.Removed | Should -Be $orphan
            podmanx ps -aq --filter "id=$orphan" | Should -BeNullOrEmpty
            # Podman's forced removal waits 10 s for SIGTERM unless the container is killed first; node ignores SIGTERM.
            $r.RemoveSeconds | Should -BeLessThan 5
            $r.Health | Should -Be 'Healthy'
        }
        finally {
            podmanx rm -f -t 0 $orphan 2>&1 | Out-Null
        }
    }

    It 'builds a server image from an npm package on Podman, and a server runs from it' {
        # The version the rig pins, so npm's cache usually has it.
        $package = (Get-Content -Raw (Join-Path $PSScriptRoot 'rig/everything/package.json') | ConvertFrom-Json).dependencies.PSObject.Properties |
            Select-Object -First 1 | ForEach-Object { "$($_.Name)@$($_.Value)" }
        $repository = "containermcp-test/podman-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        try {
            $r = Invoke-OnPodman -Values @{ Base = $script:Node; Package = $package; Repository = $repository } -Script {
                $image = Build-McpServerImage -Runtime node -Package $Package -BaseImage $Base -Repository $Repository
                $again = Build-McpServerImage -Runtime node -Package $Package -BaseImage $Base -Repository $Repository
                $labels = (podmanx image inspect $image.Name | ConvertFrom-Json).Labels
                $null = Start-McpServer built -Image $image.Name
                $echo = Invoke-McpTool -ServerName built -Name echo -Arguments @{ message = 'built on podman' }
                Stop-McpServer built -Confirm:$false
                $image | Remove-McpServerImage -Force -Confirm:$false
                @{ Name = $image.Name; Reused = $image.Reused; AgainReused = $again.Reused; SameId = $again.Id -eq $image.Id
                   Role = $labels.'io.containermcp.image.role'; Echo = $echo.Text }
            }

            $r.Name | Should -BeLike "$repository`:*"
            $r.Reused | Should -BeFalse
            $r.AgainReused | Should -BeTrue
            $r.SameId | Should -BeTrue
            $r.Echo | Should -Be 'Echo: built on podman'
            podmanx image exists $r.Name
            $LASTEXITCODE | Should -Be 1 -Because 'Remove-McpServerImage removed it from Podman'
        }
        finally {
            podmanx images -q --filter "reference=$repository" | ForEach-Object { podmanx rmi -f $_ } 2>&1 | Out-Null
        }
    }
}
