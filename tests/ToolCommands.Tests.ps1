#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Tools as PowerShell commands (issue 14, points 5-8): Import-McpTool, annotations under ShouldProcess, -AsJob, and
    structured output. Against server-everything 2.0.0 (the rig's everything image) and tests/rig/servers/tools-server.js
    on the node image, for what everything lacks: a destructive tool, a call that reports progress until cancelled, an
    outputSchema its result breaks, a resource link with an embedded resource. tools-server logs "tools/call <name>" and
    "cancelled <id>" to stderr, so a test can see what reached it.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    $script:Manifest = Get-ModuleManifest
    $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-tools-$PID.log"
    $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog
    Import-Module $script:Manifest -Force -ErrorAction Stop
    $script:Rig = Get-RigValues
    if (-not $script:Rig.CONTAINERMCP_RIG_READY) { throw 'The test rig is not up (no .rig/env). Run: bash tests/rig/up.sh' }

    function script:Wait-Until([scriptblock] $Condition, [string] $What, [int] $TimeoutSeconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $What." }
            Start-Sleep -Milliseconds 100
        }
    }
    # What tools-server has received, from its stderr.
    function script:Get-ToolsServerLine { @((Get-McpServerLog tools).Text) }

    # What a script writes to the host (where -WhatIf speaks), from a transcript.
    function script:Get-HostText([scriptblock] $Script) {
        $file = Join-Path ([IO.Path]::GetTempPath()) "containermcp-whatif-$PID-$([guid]::NewGuid()).txt"
        $null = Start-Transcript -Path $file -UseMinimalHeader
        try { $null = & $Script }
        finally { $null = Stop-Transcript }
        try { Get-Content -Raw $file } finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    $servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
    $null = Start-McpServer tools -Image $script:Rig.CONTAINERMCP_IMAGE_NODE -Volume "${servers}:/srv:ro" -Command /srv/tools-server.js -ErrorAction Stop
    $null = Start-McpServer everything -Image $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING -ErrorAction Stop
}

AfterAll {
    Get-McpServer | Stop-McpServer -Confirm:$false
    Remove-Module ContainerMcp -ErrorAction SilentlyContinue
    Remove-Item "$script:AuditLog*" -ErrorAction SilentlyContinue
    $mine = { @(docker ps -aq --filter label=io.containermcp.managed --filter "label=io.containermcp.owner.pid=$PID") }
    Wait-Until { (& $mine).Count -eq 0 } 'no io.containermcp.managed container of this session is left' -TimeoutSeconds 30
}

Describe 'Import-McpTool' {
    BeforeAll {
        $script:Module = Import-McpTool -ServerName everything -IncludePrompt -ErrorAction Stop
        $script:Rigged = Import-McpTool -ServerName tools -Prefix Rig -ErrorAction Stop
    }

    AfterAll {
        Remove-Module $script:Module.Name, $script:Rigged.Name -ErrorAction SilentlyContinue
    }

    It 'makes one function per tool, named Verb-<Prefix>Noun, in a module it returns' {
        $script:Module | Should -BeOfType System.Management.Automation.PSModuleInfo
        $script:Module.Name | Should -Be 'ContainerMcp.Tools.everything'
        $names = (Get-Command -Module $script:Module.Name).Name

        $names | Should -Contain 'Get-EverythingSum'                  # get-sum: an approved verb leads
        $names | Should -Contain 'Invoke-EverythingEcho'              # echo: no verb, so Invoke
        $names | Should -Contain 'Get-EverythingStructuredContent'
        $names | Should -Contain 'Get-EverythingCompletablePrompt'    # a prompt, with -IncludePrompt
        (Get-Command -Module $script:Rigged.Name).Name | Should -Contain 'Invoke-RigErase'
    }

    It 'types the parameters from the input schema, required ones Mandatory, and the call sends what was bound' {
        $typed = (Get-Command Invoke-RigTyped).Parameters

        $typed.Count.ParameterType | Should -Be ([long])
        $typed.Ratio.ParameterType | Should -Be ([double])
        $typed.VerboseOutput.ParameterType | Should -Be ([switch])     # verbose_output: PascalCase; an optional boolean is a switch
        $typed.Tags.ParameterType | Should -Be ([string[]])
        $typed.Options.ParameterType | Should -Be ([hashtable])
        ($typed.Color.Attributes | Where-Object { $_ -is [ValidateSet] }).ValidValues | Should -Be @('red', 'green', 'light blue')
        ($typed.Count.Attributes | Where-Object { $_ -is [Parameter] }).Mandatory | Should -BeTrue
        ($typed.Ratio.Attributes | Where-Object { $_ -is [Parameter] }).Mandatory | Should -BeFalse

        $sent = (Invoke-RigTyped -Count 3 -Ratio 0.5 -VerboseOutput -Tags a, b -Options @{ x = 1 } -Color 'light blue').Data

        $sent.count | Should -Be 3
        $sent.ratio | Should -Be 0.5
        $sent.verbose_output | Should -BeTrue
        $sent.tags | Should -Be @('a', 'b')
        $sent.options.x | Should -Be 1
        $sent.color | Should -Be 'light blue'
        { Invoke-RigTyped -Count 1 -Color purple } | Should -Throw '*purple*'
        (Get-EverythingSum 2 3).Text | Should -Match '\b5\b'   # arguments are positional in schema order
    }

    It 'gives each function help from the descriptions' {
        $help = Get-Help Get-EverythingSum -Full

        $help.Synopsis | Should -Match 'sum of two numbers'
        ($help.parameters.parameter | Where-Object name -eq A).description.Text | Should -Match 'First number'
        "$($help.description.Text)" | Should -Match "tool 'get-sum' of MCP server 'everything'"
    }

    It 'completes an enum argument from the schema, and a prompt argument through completion/complete' {
        $line = 'Get-EverythingStructuredContent -Location '
        (TabExpansion2 $line $line.Length).CompletionMatches.ListItemText | Should -Be @('Chicago', 'Los Angeles', 'New York')

        $line = 'Get-EverythingCompletablePrompt -Department Eng'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('Engineering')

        # The second argument's values depend on the first: the server gets it as context.
        $line = 'Get-EverythingCompletablePrompt -Department Sales -Name '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('David', 'Eve', 'Frank')

        (Get-EverythingCompletablePrompt -Department Sales -Name Eve).Text | Should -Match 'promote Eve to the head of the Sales team'
    }

    It 'refuses to import over a module of the same name unless -Force' {
        { Import-McpTool -ServerName tools -Prefix Rig -ErrorAction Stop } | Should -Throw "*already imported*-Force*"
        $again = Import-McpTool -ServerName tools -Prefix Rig -Name peek -Force -ErrorAction Stop
        (Get-Command -Module $again.Name).Name | Should -Be @('Invoke-RigPeek')
        $script:Rigged = Import-McpTool -ServerName tools -Prefix Rig -Force -ErrorAction Stop
    }

    It 'a generated function keeps Invoke-McpTool''s errors' {
        $failure = { Invoke-RigWeather -ErrorAction Stop } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.ToolOutputMismatch*'
    }

    It 'Remove-Module removes the functions' {
        $scratch = Import-McpTool -ServerName everything -Prefix Scratch -ModuleName scratch-tools -ErrorAction Stop
        Get-Command Get-ScratchSum -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty

        Remove-Module $scratch.Name

        Get-Command Get-ScratchSum -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Annotations under ShouldProcess' {
    BeforeAll {
        $script:Rigged = Import-McpTool -ServerName tools -Prefix Ann -ModuleName ann-tools -ErrorAction Stop
    }

    AfterAll {
        Remove-Module $script:Rigged.Name -ErrorAction SilentlyContinue
    }

    It 'Get-McpTool shows the hints' {
        $tools = Get-McpTool -ServerName tools

        ($tools | Where-Object Name -eq erase).Hints | Should -Be 'Destructive'
        ($tools | Where-Object Name -eq peek).Hints | Should -Be 'ReadOnly,Idempotent'
        ($tools | Format-Table | Out-String) | Should -Match 'Hints'
    }

    It '-WhatIf on a destructive tool says what would be called and sends the server nothing' {
        $before = (Get-ToolsServerLine).Count

        $said = Get-HostText { Invoke-McpTool -ServerName tools -Name erase -Arguments @{ path = '/important' } -WhatIf }
        $fromFunction = Get-HostText { Invoke-AnnErase -Path /important -WhatIf }

        $said | Should -Match "What if: .*Call destructive tool.*tool 'erase' of MCP server 'tools'"
        $fromFunction | Should -Match "What if: .*tool 'erase' of MCP server 'tools'"
        # The server saw no call: one more, with -Confirm:$false, is the first erase it logs.
        (Invoke-McpTool -ServerName tools -Name erase -Arguments @{ path = '/scratch' } -Confirm:$false).Text | Should -Be 'erased /scratch'
        @(Get-ToolsServerLine | Select-Object -Skip $before) | Should -Be @('tools/call erase')
    }

    It 'a destructive tool asks under the default $ConfirmPreference; a read-only one never does, not even under -Confirm' {
        # A runspace of its own has a host that cannot prompt: the question fails instead of being answered, which
        # proves it was asked, and the server saw no call.
        $before = (Get-ToolsServerLine).Count
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$script:Manifest'; Invoke-McpTool -ServerName tools -Name erase -Arguments @{ path = '/x' }")
            $shell.Invoke() | Should -BeNullOrEmpty
            "$($shell.Streams.Error[0])" | Should -BeLike "*prompts the user*Call destructive tool*tool 'erase' of MCP server 'tools'*"
        }
        finally { $shell.Dispose() }
        (Get-ToolsServerLine).Count | Should -Be $before

        (Invoke-McpTool -ServerName tools -Name peek -Confirm).Text | Should -Be 'nothing changed'
        (Get-Command Invoke-AnnPeek).Parameters.Keys | Should -Not -Contain 'Confirm'   # read-only: ConfirmImpact None
        (Get-Command Invoke-AnnErase).ScriptBlock.Attributes.Where({ $_ -is [CmdletBinding] }).ConfirmImpact | Should -Be 'High'
    }

    It 'a tool without hints runs at once, and -WhatIf skips it' {
        (Invoke-McpTool -ServerName tools -Name note -Arguments @{ text = 'a' }).Text | Should -Be 'noted a'
        $before = (Get-ToolsServerLine).Count

        Get-HostText { Invoke-McpTool -ServerName tools -Name note -Arguments @{ text = 'b' } -WhatIf } | Should -Match "What if: .*Call tool.*'note'"

        (Get-ToolsServerLine).Count | Should -Be $before
    }
}

Describe 'Invoke-McpTool -AsJob' {
    It 'returns a job whose progress is the server''s and whose result Receive-Job gives' {
        $job = Invoke-McpTool -ServerName everything -Name trigger-long-running-operation -Arguments @{ duration = 1; steps = 4 } -AsJob

        $job | Should -BeOfType ContainerMcp.McpToolJob
        Get-Job -Id $job.Id | Should -Not -BeNullOrEmpty
        $null = Wait-Job $job -Timeout 30
        $job.State | Should -Be Completed
        $job.Progress.Count | Should -BeGreaterOrEqual 1
        ($job | Receive-Job -Keep).Text | Should -Match 'Long running operation completed'
        Remove-Job $job
    }

    It 'Stop-Job cancels the call on the server' {
        $job = Invoke-McpTool -ServerName tools -Name slow -AsJob
        Wait-Until { $job.Progress.Count -ge 2 } 'the slow call has reported progress twice'
        # Earlier cancellations (the start's server/discover probe, other tests' calls) are already in the log.
        $before = @(Get-ToolsServerLine | Where-Object { $_ -like 'cancelled *' }).Count

        Stop-Job $job

        $job.State | Should -Be Stopped
        Wait-Until { @(Get-ToolsServerLine | Where-Object { $_ -like 'cancelled *' }).Count -gt $before } 'tools-server logs the cancellation it received' -TimeoutSeconds 10
        Remove-Job $job
    }

    It 'a tool error is a job error, with the result as its target' {
        $job = Invoke-McpTool -ServerName tools -Name fail -AsJob
        $null = Wait-Job $job -Timeout 30

        $job.State | Should -Be Failed
        $job.Error[0].FullyQualifiedErrorId | Should -Be 'ContainerMcp.ToolError'
        $job.Error[0].TargetObject.Text | Should -Be 'refused on purpose'
        Remove-Job $job
    }

    It 'a refused call fails the job with the refusal as its error' {
        $job = Invoke-McpTool -ServerName tools -Name typed -Arguments @{ count = 'many' } -AsJob
        $null = Wait-Job $job -Timeout 30

        $job.State | Should -Be Failed
        $job.Error[0].FullyQualifiedErrorId | Should -Be 'ContainerMcp.InvalidToolArguments'
        "$($job.Error[0])" | Should -Match "Argument 'count'"
        Remove-Job $job
    }
}

Describe 'Structured output' {
    It 'an outputSchema mismatch is an error naming the server, the tool and what does not match, with the result as target' {
        $failure = { Invoke-McpTool -ServerName tools -Name weather -ErrorAction Stop } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.ToolOutputMismatch*'
        $failure.CategoryInfo.Category | Should -Be InvalidData
        $failure.Exception.Message | Should -BeLike "*Tool 'weather' of MCP server 'tools'*output schema*"
        $failure.Exception.Message | Should -BeLike '*$.conditions is required but missing*'
        $failure.Exception.Message | Should -BeLike '*$.temperature must be number, but is a string*'
        $failure.TargetObject.Data.temperature | Should -Be 'hot'
        (Get-McpAuditLog -Server tools -Tool weather).Outcome | Sort-Object -Unique | Should -Be 'invalid-output'
    }

    It 'structured content that matches passes, and .Data carries a type name from the server and tool' {
        $result = Invoke-McpTool -ServerName everything -Name get-structured-content -Arguments @{ location = 'Chicago' }

        $result.Data.temperature | Should -Be 36
        $result.Data.PSTypeNames[0] | Should -Be 'ContainerMcp.Data.everything.get-structured-content'

        # Update-TypeData can target one tool's output by that name.
        Update-TypeData -TypeName 'ContainerMcp.Data.everything.get-structured-content' -MemberType ScriptProperty `
            -MemberName Fahrenheit -Value { $this.temperature * 9 / 5 + 32 } -Force
        try { (Invoke-McpTool -ServerName everything -Name get-structured-content -Arguments @{ location = 'Chicago' }).Data.Fahrenheit | Should -Be 96.8 }
        finally { Remove-TypeData -TypeName 'ContainerMcp.Data.everything.get-structured-content' }
    }

    It 'resource links and embedded resources become objects that pipe into Read-McpResource' {
        $result = Invoke-McpTool -ServerName tools -Name links

        $result.Resources | Should -HaveCount 2
        $result.Resources[0] | Should -BeOfType ContainerMcp.McpResource
        $result.Resources[0].Name | Should -Be 'note-1'
        $result.Resources[1] | Should -BeOfType ContainerMcp.McpResourceContent
        ($result.Resources | Read-McpResource).Text | Should -Be @('first note', 'second note')
    }
}
