#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The client side of the MCP session, from a user's seat: what a server asks of its client (elicitation, sampling,
    roots) and what it tells (log messages, list changes, resource updates) against server-everything 2.0.0 (the rig's
    everything image) and tests/rig/servers/client-server.js (deterministic log messages and a tool list that changes).

    Needs the rig and the built module (pwsh ./build.ps1). Run with
        pwsh -NoProfile -c 'Invoke-Pester ./tests/ClientHost.Tests.ps1 -Output Detailed'
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')   # Invoke-Pwsh: a child PowerShell, -NonInteractive
    . (Join-Path $PSScriptRoot 'TestRig.ps1')
    $script:Manifest = Get-ModuleManifest
    Import-Module $script:Manifest -Force -ErrorAction Stop
    $script:Rig = Get-RigValues
    if (-not $script:Rig.CONTAINERMCP_RIG_READY) { throw 'The test rig is not up (no .rig/env). Run: bash tests/rig/up.sh' }
    $script:Servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
    $script:Everything = "everything-client-$PID"

    function script:Wait-Until([scriptblock] $Condition, [string] $What, [int] $TimeoutSeconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $What." }
            Start-Sleep -Milliseconds 100
        }
    }

    $null = Start-McpServer $script:Everything -Image $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING -Volume "$($script:Servers):/srv:ro" `
        -StatePath /data -ErrorAction Stop
}

AfterAll {
    Set-McpClientHandler -Elicitation $null -Sampling $null
    Get-McpServer | Stop-McpServer -Confirm:$false
    Remove-McpStateVolume -ServerName $script:Everything -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Module ContainerMcp -ErrorAction SilentlyContinue
    $mine = { @(docker ps -aq --filter label=io.containermcp.managed --filter "label=io.containermcp.owner.pid=$PID") }
    Wait-Until { (& $mine).Count -eq 0 } 'no container of this session is left' -TimeoutSeconds 30
}

Describe 'Client capabilities' {
    It 'server-everything offers the tools it keeps for clients that declare elicitation, sampling and roots' {
        $names = (Get-McpTool -ServerName $script:Everything).Name

        $names | Should -Contain 'trigger-elicitation-request'
        $names | Should -Contain 'trigger-url-elicitation'
        $names | Should -Contain 'trigger-sampling-request'
        $names | Should -Contain 'get-roots-list'
    }

    It 'get-roots-list shows the container paths of the mounts: the volume and the state volume, no host path' {
        $text = (Invoke-McpTool -ServerName $script:Everything -Name get-roots-list -ErrorAction Stop).Text

        $text | Should -Match 'Current MCP Roots \(2 total\)'
        $text | Should -Match 'URI: file:///srv'
        $text | Should -Match 'URI: file:///data'
        $text | Should -Not -Match ([regex]::Escape($script:Servers))
    }
}

Describe 'Elicitation in a non-interactive PowerShell' {
    # One child pwsh -NonInteractive, one server, every case; each result on a line of its own.
    BeforeAll {
        $script:ChildServer = "elicit-$PID"
        $script:Child = Invoke-Pwsh -ArgumentList '-Command', @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($script:Manifest)'
`$null = Start-McpServer $($script:ChildServer) -Image $($script:Rig.CONTAINERMCP_IMAGE_EVERYTHING)
function Show(`$case, `$output) {
    `$text = `$output | ForEach-Object { if (`$_ -is [Management.Automation.WarningRecord]) { "WARNING: `$(`$_.Message)" } else { `$_.Text } }
    "`$case=" + ((`$text -join ' ') -replace '\s+', ' ')
}
try {
    Show accepted (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-elicitation-request -ElicitationResponse @{ name = 'Ada Lovelace'; check = 'yes'; integer = '7' })
    Show unanswered (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-elicitation-request 3>&1)
    Show misfit (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-elicitation-request -ElicitationResponse @{ name = 'Ada'; shoeSize = 42 } 3>&1)
    Show declined (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-elicitation-request -ElicitationResponse @{ action = 'decline' })
    Set-McpClientHandler -Elicitation { param(`$Request) if (`$Request.Fields.Name -contains 'name') { @{ action = 'cancel' } } }
    Show handler (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-elicitation-request)
    Set-McpClientHandler -Elicitation `$null
    Show url (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-url-elicitation -Arguments @{ url = 'https://example.invalid/consent' } 3>&1)
    Show urlaccepted (Invoke-McpTool -ServerName $($script:ChildServer) -Name trigger-url-elicitation -Arguments @{ url = 'https://example.invalid/consent' } -ElicitationResponse @{ action = 'accept' })
}
finally { Stop-McpServer $($script:ChildServer) -Confirm:`$false }
"@
        $script:Case = @{}
        foreach ($line in $script:Child) { if ($line -match '^(\w+)=(.*)$') { $script:Case[$Matches[1]] = $Matches[2] } }
    }

    It 'an answer given with -ElicitationResponse is accepted, converted to the form''s types' {
        $script:Case.accepted | Should -Match 'User provided the requested information' -Because ($script:Child -join "`n")
        $script:Case.accepted | Should -Match 'Name: Ada Lovelace'
        $script:Case.accepted | Should -Match '"check": true'
        $script:Case.accepted | Should -Match '"integer": 7'
    }

    It 'with no answer and no prompt it declines, with a warning naming the server and what it asked' {
        $script:Case.unanswered | Should -Match 'User declined to provide the requested information'
        $script:Case.unanswered | Should -Match "MCP server '$($script:ChildServer)' asked for input 'Please provide inputs for the following fields:'"
        $script:Case.unanswered | Should -Match 'cannot prompt \(non-interactive\)'
    }

    It 'an answer that does not fit the form is declined, naming the field' {
        $script:Case.misfit | Should -Match 'User declined'
        $script:Case.misfit | Should -Match "'shoeSize' is not a field the server asked for"
    }

    It 'decline and cancel reach the server, given in advance or by a handler script block' {
        $script:Case.declined | Should -Match 'User declined to provide the requested information'
        $script:Case.declined | Should -Match '"action": "decline"'
        $script:Case.handler | Should -Match 'User cancelled the elicitation dialog'
        $script:Case.handler | Should -Match '"action": "cancel"'
    }

    It 'a URL request is declined without a prompt, and accepted when answered in advance' {
        $script:Case.url | Should -Match 'https://example.invalid/consent'
        $script:Case.url | Should -Match 'decline'
        $script:Case.urlaccepted | Should -Match 'accept'
    }
}

Describe 'Sampling' {
    AfterEach { Set-McpClientHandler -Sampling $null }

    It 'a handler script block answers, getting the messages, system prompt and token limit' {
        Set-McpClientHandler -Sampling { param($Request) "echo of '$($Request.Messages[0].Text)' in $($Request.MaxTokens) tokens, told '$($Request.SystemPrompt)'" }

        $result = Invoke-McpTool -ServerName $script:Everything -Name trigger-sampling-request -Arguments @{ prompt = 'hello'; maxTokens = 7 } -ErrorAction Stop

        $result.Text | Should -Match "echo of 'Resource trigger-sampling-request context: hello' in 7 tokens, told 'You are a helpful test server.'"
    }

    It 'a handler may give the role and model' {
        Set-McpClientHandler -Sampling { @{ content = 'forty-two'; model = 'deep-thought' } }

        $text = (Invoke-McpTool -ServerName $script:Everything -Name trigger-sampling-request -Arguments @{ prompt = 'answer?' } -ErrorAction Stop).Text

        $text | Should -Match '"model": "deep-thought"'
        $text | Should -Match 'forty-two'
    }

    It 'with no handler the request is declined, and the server hears why' {
        Invoke-McpTool -ServerName $script:Everything -Name trigger-sampling-request -Arguments @{ prompt = 'hello' } `
            -ErrorVariable failed -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue

        "$failed" | Should -Match 'no sampling handler'
        "$warned" | Should -Match "MCP server '$($script:Everything)' asked for a model's message \(sampling\); declined"
    }
}

Describe 'Log messages' {
    BeforeAll {
        $null = Start-McpServer client -Image $script:Rig.CONTAINERMCP_IMAGE_NODE -Volume "$($script:Servers):/srv:ro" `
            -Command /srv/client-server.js -ErrorAction Stop
    }

    It 'warning and worse reach the Warning stream with their level; the rest stays out of sight' {
        $output = Invoke-McpTool -ServerName client -Name log -Arguments @{ levels = @('debug', 'info', 'warning', 'error', 'critical') } 3>&1 4>&1 5>&1

        $warnings = @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message
        $warnings | Should -Be @(
            "MCP server 'client' (client-server) warning: warning message"
            "MCP server 'client' (client-server) error: error message"
            "MCP server 'client' (client-server) critical: critical message")
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
        ($output | Where-Object { $_ -is [ContainerMcp.McpToolResult] }).Text | Should -Be 'level=unset'
    }

    It '-Verbose sets the server''s level to info and shows info and notice in the Verbose stream' {
        $output = Invoke-McpTool -ServerName client -Name log -Arguments @{ levels = @('debug', 'info', 'notice') } -Verbose 4>&1 5>&1

        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Be @(
            "MCP server 'client' (client-server) info: info message"
            "MCP server 'client' (client-server) notice: notice message")
        ($output | Where-Object { $_ -is [ContainerMcp.McpToolResult] }).Text | Should -Be 'level=info'
    }

    It '-Debug sets the level to debug and shows debug messages in the Debug stream' {
        $output = Invoke-McpTool -ServerName client -Name log -Arguments @{ levels = @('debug') } -Debug 5>&1

        @($output | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message | Should -Contain "MCP server 'client' (client-server) debug: debug message"
        ($output | Where-Object { $_ -is [ContainerMcp.McpToolResult] }).Text | Should -Be 'level=debug'
    }

    It 'Get-McpServerLog -Stream message keeps them, with level and logger' {
        $messages = @(Get-McpServerLog client -Stream message)

        $messages.Stream | Select-Object -Unique | Should -Be 'message'
        $messages[0].Level | Should -Be 'debug'
        $messages[0].Logger | Should -Be 'client-server'
        $messages.Text | Should -Contain 'critical message'
        @(Get-McpServerLog client -Stream message -Tail 1).Text | Should -Be 'debug message'
    }
}

Describe 'Change and update notifications' {
    It 'a changed tool list is read again and raises ContainerMcp.ToolListChanged with the server''s name' {
        Get-Event -SourceIdentifier ContainerMcp.ToolListChanged -ErrorAction SilentlyContinue | Remove-Event
        (Get-McpTool -ServerName client).Name | Should -Not -Contain 'fresh'

        $null = Invoke-McpTool -ServerName client -Name add-tool -Arguments @{ name = 'fresh' } -ErrorAction Stop
        $event = Wait-Event -SourceIdentifier ContainerMcp.ToolListChanged -Timeout 15

        $event.MessageData | Should -Be 'client'
        (Get-McpTool -ServerName client).Name | Should -Contain 'fresh'
        (Invoke-McpTool -ServerName client -Name fresh -ErrorAction Stop).Text | Should -Be 'called fresh'
        $event | Remove-Event
    }

    It 'Register-McpResourceEvent turns resource updates into events, and Unregister-Event unsubscribes on the server' {
        $uri = 'demo://resource/static/document/architecture.md'
        Register-McpResourceEvent -ServerName $script:Everything -Uri $uri -SourceIdentifier doc-changed
        $null = Invoke-McpTool -ServerName $script:Everything -Name toggle-subscriber-updates -ErrorAction Stop   # one now, then every 5 s

        $event = Wait-Event -SourceIdentifier doc-changed -Timeout 20

        $event.SourceEventArgs.ServerName | Should -Be $script:Everything
        $event.SourceEventArgs.Uri | Should -Be $uri
        $event.Sender.Uri | Should -Be $uri
        Unregister-Event doc-changed
        Wait-Until { (Get-McpServerLog $script:Everything -Stream message).Text -match "Received Unsubscribe Resource request: $uri" } 'the server heard the unsubscribe'
        Get-Event -SourceIdentifier doc-changed -ErrorAction SilentlyContinue | Remove-Event
    }

    It 'a piped resource is watched, and a source identifier already in use is refused, naming it' {
        Get-McpResource -ServerName $script:Everything | Where-Object Uri -like '*features.md' | Register-McpResourceEvent -SourceIdentifier taken
        (Get-EventSubscriber -SourceIdentifier taken).SourceObject.Uri | Should -BeLike '*features.md'

        try {
            Register-McpResourceEvent -ServerName $script:Everything -Uri 'demo://x' -SourceIdentifier taken -ErrorVariable refused -ErrorAction SilentlyContinue
            "$refused" | Should -Match "source identifier 'taken' is already in use"
        }
        finally { Unregister-Event taken }
    }
}
