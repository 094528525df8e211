#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    What a new user meets at once, from a user's seat: errors that point to the module's own way out, the Tools
    column right after a start, tab completion of images and networks, progress a terminal can draw, and a tool
    that failed reading as a failure.

    Needs the rig (tests/rig/up.sh writes .rig/env) and the built module (pwsh ./build.ps1).
    Run with  pwsh -NoProfile -c 'Invoke-Pester ./tests/FirstUse.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    $script:Manifest = Get-ModuleManifest
    # The audit log of a run alone goes to a scratch file, not the user's data folder (another suite may have set one).
    if (-not $env:CONTAINERMCP_AUDIT_LOG) { $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-firstuse-$PID.log" }
    Import-Module $script:Manifest -Force -ErrorAction Stop

    $script:Rig = Get-RigValues   # .rig/env, overridden by the environment
    if (-not $script:Rig.CONTAINERMCP_RIG_READY) { throw 'The test rig is not up (no .rig/env). Run: bash tests/rig/up.sh' }

    $script:NodeImage = $script:Rig.CONTAINERMCP_IMAGE_NODE
    $script:Servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
    $script:Suffix = [guid]::NewGuid().ToString('n').Substring(0, 8)
    # meta-server.js: 'echo' answers, 'fail' is a tool error, 'broken' fails inside the server (a JSON-RPC error).
    $script:Meta = @{ Image = $script:NodeImage; Volume = "$($script:Servers):/srv:ro"; Command = '/srv/meta-server.js' }

    function script:Get-ServerContainer([string] $Server) { @(docker ps -aq --filter "label=io.containermcp.server=$Server") }
}

AfterAll {
    Get-McpServer "*-$script:Suffix" | Stop-McpServer -Confirm:$false
    if ($script:AuditLog) { Remove-Item -Force -ErrorAction SilentlyContinue "$script:AuditLog*" }
    @(docker ps -aq --filter "label=io.containermcp.managed") | Where-Object { $_ } |
        ForEach-Object { docker inspect --format '{{index .Config.Labels "io.containermcp.server"}}' $_ } |
        Where-Object { $_ -like "*-$script:Suffix" } | Should -BeNullOrEmpty
}

Describe 'Errors point to the module''s own way out' {
    It 'a missing image names Build-McpServerImage and Request-McpServerImage, and leaves no container' {
        $name = "missing-$script:Suffix"
        Start-McpServer $name -Image containermcp-test/does-not-exist:1 -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.StartFailed*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].Exception.Message | Should -BeLike "*'containermcp-test/does-not-exist:1' is not on this Docker engine*Build-McpServerImage*Request-McpServerImage containermcp-test/does-not-exist:1*"
        $failed[0].Exception.Message | Should -Not -BeLike '*docker build*'
        Get-ServerContainer $name | Should -BeNullOrEmpty
    }

    It 'an npm package given as -Image is an argument error, before the engine is asked, saying how to build it' {
        # A daemon that cannot be reached: the error is about the name, so the engine was never asked.
        $script = "Import-Module '$script:Manifest'; Start-McpServer mem -Image '@modelcontextprotocol/server-memory' -ErrorAction SilentlyContinue -ErrorVariable e; " +
                  "'{0}|{1}|{2}' -f `$e[0].FullyQualifiedErrorId, `$e[0].CategoryInfo.Category, `$e[0].Exception.Message"
        $output = (Invoke-Pwsh -ArgumentList '-Command', $script -Environment @{ DOCKER_HOST = 'unix:///nonexistent/docker.sock' }) -join "`n"

        $id, $category, $message = $output.Split('|', 3)
        $id | Should -BeLike 'ContainerMcp.InvalidImageReference*'
        $category | Should -Be 'InvalidArgument'
        $message | Should -BeLike "*'@modelcontextprotocol/server-memory' is not a valid image reference*A reference reads *registry*repository*tag*digest*"
        $message | Should -BeLike "*Start-McpServer -Package '@modelcontextprotocol/server-memory'*Build-McpServerImage -Runtime node -Package '@modelcontextprotocol/server-memory'*"
        $message | Should -Not -BeLike '*Docker engine error*'
        $message | Should -Not -BeLike '*Cannot reach the Docker engine*'
    }

    It 'the image cmdlets refuse a malformed reference as an argument error too' -TestCases @(
        @{ Command = { Request-McpServerImage 'Team/Server:1' -ErrorAction SilentlyContinue -ErrorVariable e; $e } ; Says = "*'Server' must be lowercase*" }
        @{ Command = { Remove-McpServerImage 'my image' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable e; $e }; Says = '*white space*' }
        @{ Command = { Build-McpServerImage -Runtime node -BaseImage 'node:-20' -ErrorAction SilentlyContinue -ErrorVariable e; $e }; Says = "*the tag '-20'*" }
        @{ Command = { Build-McpServerImage -Runtime node -Repository 'Team/Server' -ErrorAction SilentlyContinue -ErrorVariable e; $e }; Says = "*'Server' must be lowercase*" }
    ) {
        param($Command, $Says)
        $errors = @(& $Command)

        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -BeLike "*is not a valid image reference*$Says"
    }

    It 'image: in YAML that is no valid reference names the file, line and key' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "containermcp-badimage-$script:Suffix.yaml"
        "servers:`n  - name: mem-$script:Suffix`n    image: '@modelcontextprotocol/server-memory'`n" | Set-Content $file
        try {
            Start-McpServer -Config $file -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
        }
        finally { Remove-Item $file }

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.InvalidConfiguration*'
        $failed[0].Exception.Message | Should -BeLike "$file`:3: servers``[0``].image*not a valid image reference*run it with package: '@modelcontextprotocol/server-memory' instead of image:*"
    }
}

Describe 'Get-McpServer after Start and Restart' {
    It 'shows the tool count at once, after Start and after Restart' {
        $name = "tools-$script:Suffix"
        $started = Start-McpServer $name @script:Meta -ErrorAction Stop

        $started.ToolCount | Should -Be 6        # no Get-McpTool asked for them
        (Get-McpServer $name | Format-Table | Out-String) | Should -Match "Tools[\s\S]*$name\s+Running\s+\S+\s+\S+\s+\S+\s+6\s"   # image, engine, id, tools

        $restarted = Restart-McpServer $name -PassThru -Confirm:$false -ErrorAction Stop
        $restarted.ToolCount | Should -Be 6
        Stop-McpServer $name -Confirm:$false
    }

    It 'an on-demand server shows it once it has been used' {
        $name = "lazy-$script:Suffix"
        $server = Start-McpServer $name @script:Meta -Strategy on-demand -ErrorAction Stop
        $server.ToolCount | Should -BeNullOrEmpty
        $null = Invoke-McpTool -ServerName $name -Name echo -Arguments @{ message = 'hi' } -ErrorAction Stop
        (Get-McpServer $name).ToolCount | Should -Be 6
        Stop-McpServer $name -Confirm:$false
    }
}

Describe 'A tool that failed reads as a failure' {
    BeforeAll {
        $script:Failing = "failing-$script:Suffix"
        $null = Start-McpServer $script:Failing @script:Meta -ErrorAction Stop
    }
    AfterAll { Stop-McpServer $script:Failing -Confirm:$false -ErrorAction SilentlyContinue }

    It 'a tool error (isError) says the tool failed, with its text' {
        $null = Invoke-McpTool -ServerName $script:Failing -Name fail -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.ToolError*'
        $failed[0].Exception.Message | Should -BeLike "Tool 'fail' of MCP server '$script:Failing' failed: *"
    }

    It 'a failure inside the server (a JSON-RPC error) says the tool failed, not that it was refused' {
        $null = Invoke-McpTool -ServerName $script:Failing -Name broken -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].Exception.Message | Should -BeLike "Tool 'broken' of MCP server '$script:Failing' failed:*the disk is full*"
        $failed[0].Exception.Message | Should -Not -BeLike '*refused*'
        (Get-McpServer $script:Failing).State | Should -Be 'Running'
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $script:Network = "cmcp-complete-$script:Suffix"
        $null = docker network create --label io.containermcp.test=firstuse $script:Network
        function script:Complete([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        }
    }
    AfterAll { $null = docker network rm $script:Network }

    It '-Image offers local images as repository:tag, those ContainerMcp made first' {
        $found = @(Complete 'Start-McpServer x -Image containermcp')

        $found.CompletionText | Should -Contain $script:NodeImage
        ($found | Where-Object CompletionText -eq $script:NodeImage).ToolTip | Should -BeLike '*(local image)'
        $ours = @($found | ForEach-Object { $_.ToolTip -like '*(made by ContainerMcp*' })
        $ours | Should -Contain $true -Because 'the daemon holds images ContainerMcp made (the rig builds some)'
        $ours[0..($ours.IndexOf($false) - 1)] | Should -Not -Contain $false
        $ours[$ours.IndexOf($false)..($ours.Count - 1)] | Should -Not -Contain $true
    }

    It '-Image completes what was typed so far' {
        @(Complete "Start-McpServer x -Image $($script:NodeImage.Substring(0, $script:NodeImage.Length - 2))").CompletionText | Should -Contain $script:NodeImage
    }

    It '-Network offers none, host and bridge first, then the existing networks' {
        $names = @(Complete 'Start-McpServer x -Image i -Network ').CompletionText

        $names[0..2] | Should -Be @('none', 'host', 'bridge')
        $names | Should -Contain $script:Network
        @(Complete "Start-McpServer x -Image i -Network cmcp-complete-$script:Suffix").CompletionText | Should -Be @($script:Network)
    }
}

Describe 'Progress' {
    BeforeAll {
        # A Dockerfile of many quick steps: the build reports each line, a terminal would redraw the bar for each.
        $script:BuildDir = Join-Path ([IO.Path]::GetTempPath()) "containermcp-progress-$script:Suffix"
        $null = New-Item -ItemType Directory $script:BuildDir
        $labels = 1..40 | ForEach-Object { "LABEL step$_=$script:Suffix" }
        (@("FROM $script:NodeImage") + $labels) | Set-Content (Join-Path $script:BuildDir 'Dockerfile')
        $script:Repository = "containermcp-test/progress-$script:Suffix"
    }
    AfterAll {
        Get-McpServerImage "$script:Repository*" | Remove-McpServerImage -Force -Confirm:$false
        Remove-Item -Recurse -Force $script:BuildDir
    }

    It 'an image build draws a few updates a second, the first and the completed one included' {
        # Progress records cannot be redirected in a script; a PowerShell of its own collects them.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$script:Manifest'; Build-McpServerImage -Runtime custom -Dockerfile '$script:BuildDir/Dockerfile' -Repository '$script:Repository' -Verbose")
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $image = $ps.Invoke()
            $seconds = $watch.Elapsed.TotalSeconds
            $ps.Streams.Error | Should -BeNullOrEmpty
            $lines = @($ps.Streams.Verbose | Where-Object Message -NotLike 'Performing the operation*')
            $progress = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }

        $image.Reused | Should -BeFalse
        $lines.Count | Should -BeGreaterThan 40                   # every step said something
        $progress.Count | Should -BeLessOrEqual ([math]::Ceiling($seconds * 4) + 2)
        $progress.Count | Should -BeLessThan $lines.Count
        $progress[0].StatusDescription | Should -Be $lines[0].Message  # the first update shows at once
        $progress[-1].RecordType | Should -Be 'Completed'
        $progress[-1].StatusDescription | Should -Be 'Built'
    }
}
