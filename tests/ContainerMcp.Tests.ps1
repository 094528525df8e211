#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The module from a user's seat: real cmdlets, real containers, a real PostgreSQL.

    Needs the rig (bash tests/rig/up.sh writes .rig/env: image names and the database URL and password
    file) and the built module in out/ContainerMcp (pwsh ./build.ps1). Run with
        pwsh ./build.ps1 -Task Test
    or  pwsh -NoProfile -c 'Invoke-Pester ./tests/ContainerMcp.Tests.ps1 -Output Detailed'

    Servers: 'pg' runs for the whole file; the pg-only pipelines come first, then 'everything' and
    'filtered' (everything with -ExcludeTool 'get-*') join. Remove-Module is tested last.
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')   # Invoke-Pwsh: a child PowerShell started like this one
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    $script:Manifest = Get-ModuleManifest
    # The audit log of this run goes to a scratch file, not the user's data folder; read before the first call.
    $script:AuditLog = Join-Path ([IO.Path]::GetTempPath()) "containermcp-audit-$PID.log"
    $env:CONTAINERMCP_AUDIT_LOG = $script:AuditLog
    Import-Module $script:Manifest -Force -ErrorAction Stop

    $script:Rig = Get-RigValues   # .rig/env, overridden by the environment
    if (-not $script:Rig.CONTAINERMCP_RIG_READY) { throw 'The test rig is not up (no .rig/env). Run: bash tests/rig/up.sh' }

    # Waits for a condition instead of sleeping a fixed time; fails with what it waited for.
    function script:Wait-Until([scriptblock] $Condition, [string] $What, [int] $TimeoutSeconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting until $What." }
            Start-Sleep -Milliseconds 100
        }
    }

    function script:Get-ManagedContainer([string] $Id) {
        $filter = if ($Id) { "id=$Id" } else { 'label=io.containermcp.managed' }
        @(docker ps -aq --filter $filter)
    }

    $password = (Get-Content -Raw $script:Rig.CONTAINERMCP_PG_PASSWORD_FILE).Trim()
    $script:PgStart = @{
        Name        = 'pg'
        Image       = $script:Rig.CONTAINERMCP_IMAGE_POSTGRES
        Network     = 'host'   # the database listens on the host's loopback
        Command     = $script:Rig.CONTAINERMCP_PG_URL
        Environment = @{ PGPASSWORD = $password }
    }
    $null = Start-McpServer @script:PgStart -ErrorAction Stop
}

AfterAll {
    if (-not (Get-Module ContainerMcp)) { Import-Module $script:Manifest }
    Get-McpServer | Stop-McpServer -Confirm:$false
    Remove-Module ContainerMcp -ErrorAction SilentlyContinue
    Remove-Item "$script:AuditLog*" -ErrorAction SilentlyContinue
    # This session's containers only: other sessions on the same daemon keep theirs (tests/run.sh checks the whole
    # daemon once every suite has run).
    $mine = { @(docker ps -aq --filter label=io.containermcp.managed --filter "label=io.containermcp.owner.pid=$PID") }
    Wait-Until { (& $mine).Count -eq 0 } 'no io.containermcp.managed container of this session is left' -TimeoutSeconds 30
    & $mine | Should -BeNullOrEmpty
}

Describe 'Pipelines against the PostgreSQL server alone' {
    It 'Get-McpServer | Invoke-McpTool -Name query runs the query on pg' {
        (Get-McpServer).Name | Should -Be 'pg'

        $result = Get-McpServer | Invoke-McpTool -Name query -Arguments @{sql='select 1'}

        $result | Should -HaveCount 1
        $result.ServerName | Should -Be 'pg'
        $result.ToolName | Should -Be 'query'
        $result.IsError | Should -BeFalse
        $result.Data.'?column?' | Should -Be 1
    }

    It 'Get-McpServer pg | Get-McpTool | Format-Table shows the query tool' {
        (Get-McpServer pg | Get-McpTool).Name | Should -Be 'query'

        $table = Get-McpServer pg | Get-McpTool | Format-Table | Out-String

        $table | Should -Match '\bName\b'
        $table | Should -Match '\bquery\b'
        $table | Should -Not -Match 'ContainerMcp\.McpTool'   # a view, not the type name
    }

    It 'Get-McpTool -ServerName pg -Name query | Invoke-McpTool returns rows in .Data that Where-Object filters' {
        $result = Get-McpTool -ServerName pg -Name query | Invoke-McpTool -Arguments @{sql='select id, name from items'}

        $result.Data | Should -HaveCount 3
        ($result.Data | Where-Object id -gt 1).name | Should -Be @('beta', 'gamma')
    }

    It '(Get-McpServerHealth pg).Status is Healthy' {
        (Get-McpServerHealth pg).Status | Should -Be Healthy
    }

    It 'Get-McpServerHealth reports the running container and a ping time' {
        $health = Get-McpServerHealth pg

        $health.ServerName | Should -Be 'pg'
        $health.ContainerState | Should -Be 'running'
        $health.PingLatency | Should -Not -BeNullOrEmpty
        $health.LastError | Should -BeNullOrEmpty
    }

    It 'a failing query is a non-terminating error, and terminating with -ErrorAction Stop' {
        $result = Invoke-McpTool -ServerName pg -Name query -Arguments @{sql='select * from no_such_table'} `
            -ErrorVariable failures -ErrorAction SilentlyContinue
        $reachedNextStatement = $true

        $reachedNextStatement | Should -BeTrue
        $failures | Should -HaveCount 1
        "$($failures[0])" | Should -Match 'no_such_table'
        $result | Where-Object { -not $_.IsError } | Should -BeNullOrEmpty

        { Invoke-McpTool -ServerName pg -Name query -Arguments @{sql='select * from no_such_table'} -ErrorAction Stop } |
            Should -Throw '*no_such_table*'
    }
}

Describe 'Several servers' {
    BeforeAll {
        $image = $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING
        $null = Start-McpServer everything -Image $image -ErrorAction Stop
        $null = Start-McpServer filtered -Image $image -ExcludeTool 'get-*' -ErrorAction Stop
    }

    AfterAll {
        Get-McpServer everything, filtered | Stop-McpServer -Confirm:$false
    }

    It 'echo on the everything server returns the message' {
        $result = Invoke-McpTool -ServerName everything -Name echo -Arguments @{message='hello from Pester'}

        $result.IsError | Should -BeFalse
        $result.Text | Should -Match 'hello from Pester'
    }

    It 'Get-McpServer | Get-McpServerHealth: every server is Healthy' {
        $health = Get-McpServer | Get-McpServerHealth

        $health.ServerName | Sort-Object | Should -Be @('everything', 'filtered', 'pg')
        $health.Status | Should -Be @('Healthy', 'Healthy', 'Healthy')
    }

    It 'Get-McpServer | Stop-McpServer -WhatIf stops nothing' {
        $containersBefore = Get-ManagedContainer

        Get-McpServer | Stop-McpServer -WhatIf

        (Get-McpServer).Name | Sort-Object | Should -Be @('everything', 'filtered', 'pg')
        Get-ManagedContainer | Sort-Object | Should -Be ($containersBefore | Sort-Object)
        (Get-McpServer | Get-McpServerHealth).Status | Should -Be @('Healthy', 'Healthy', 'Healthy')
    }

    # InvalidToolArguments is the module's own check against the tool's input schema: the call never left.
    It 'an unknown argument is refused before it is sent' {
        $call = { Invoke-McpTool -ServerName everything -Name echo -Arguments @{message='hi'; bogus=1} -ErrorAction Stop }

        $failure = $call | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.InvalidToolArguments*'
        $failure.CategoryInfo.Category | Should -Be InvalidArgument
        $failure.Exception.Message | Should -Match 'bogus'
    }

    It 'a missing or mistyped argument is refused before it is sent' {
        $missing = { Invoke-McpTool -ServerName everything -Name echo -Arguments @{} -ErrorAction Stop } | Should -Throw -PassThru
        $mistyped = { Invoke-McpTool -ServerName everything -Name echo -Arguments @{message=@{}} -ErrorAction Stop } | Should -Throw -PassThru

        $missing.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.InvalidToolArguments*'
        $missing.Exception.Message | Should -Match "'message'"
        $mistyped.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.InvalidToolArguments*'
        $mistyped.CategoryInfo.Category | Should -Be InvalidArgument
    }

    It 'an excluded tool is neither listed nor callable' {
        $tools = (Get-McpTool -ServerName filtered).Name

        $tools | Should -Contain 'echo'
        $tools | Where-Object { $_ -like 'get-*' } | Should -BeNullOrEmpty
        (Get-McpTool -ServerName everything).Name | Should -Contain 'get-sum'   # the same image, unfiltered
        { Invoke-McpTool -ServerName filtered -Name get-sum -Arguments @{a=1; b=2} -ErrorAction Stop } | Should -Throw '*get-sum*'
    }

    It 'a tool missing on one piped server is an error for that server only' {
        $results = Get-McpServer | Invoke-McpTool -Name echo -Arguments @{message='hi'} -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.ServerName | Sort-Object | Should -Be @('everything', 'filtered')
        $failures | Should -HaveCount 1
        "$($failures[0])" | Should -Match "'pg'|pg\b"   # the message names the server
    }

    # The engine refuses these before they leave, and audits each attempt with why (the calls are the Its above).
    It 'a refused call is in the audit log with why it was refused' {
        (Get-McpAuditLog -Server pg -Tool echo).Outcome | Should -Contain 'unknown-tool'
        (Get-McpAuditLog -Server filtered -Tool get-sum).Outcome | Should -Be 'filtered'
        $invalid = Get-McpAuditLog -Server everything -Tool echo -Failed
        $invalid.Outcome | Should -Be @('invalid-arguments', 'invalid-arguments', 'invalid-arguments')
        $invalid[0].ArgumentNames | Should -Contain 'bogus'
    }

    It 'Get-Help Invoke-McpTool -Full shows the parameters and an example' {
        $help = Get-Help Invoke-McpTool -Full

        $help.parameters.parameter.name | Should -Contain 'Name'
        $help.parameters.parameter.name | Should -Contain 'Arguments'
        $help.parameters.parameter.name | Should -Contain 'ServerName'
        $help.examples.example | Should -Not -BeNullOrEmpty
        ($help | Out-String) | Should -Match 'Invoke-McpTool'
    }

    It 'TabExpansion2 completes a server name' {
        $line = 'Get-McpServer ever'

        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $completions | Should -Contain 'everything'
    }

    It 'TabExpansion2 completes a tool name of the given server' {
        $line = 'Invoke-McpTool -ServerName pg -Name qu'

        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $completions | Should -Contain 'query'
    }

    It 'ForEach-Object -Parallel runspaces see the same servers and can call them' {
        $manifest = $script:Manifest

        $seen = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            [pscustomobject]@{
                Servers = ((Get-McpServer).Name | Sort-Object) -join ','
                Echo    = (Invoke-McpTool -ServerName everything -Name echo -Arguments @{message="runspace $_"}).Text
            }
        }

        $seen.Servers | Should -Be (@('everything,filtered,pg') * 4)
        foreach ($i in 1..4) { $seen.Echo -match "runspace $i\b" | Should -HaveCount 1 }
    }

    It 'Stop-McpServer leaves no container behind' {
        $server = Start-McpServer scratch -Image $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING -ErrorAction Stop
        Get-ManagedContainer $server.ContainerId | Should -Not -BeNullOrEmpty

        Stop-McpServer scratch -Confirm:$false

        Get-ManagedContainer $server.ContainerId | Should -BeNullOrEmpty
        Get-McpServer scratch -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Configuration files' {
    BeforeAll {
        $script:Examples = Join-Path $PSScriptRoot '../examples'
        $script:Scratch = Join-Path ([IO.Path]::GetTempPath()) "containermcp-pester-$PID"
        $null = New-Item -ItemType Directory -Force $script:Scratch
        # examples/postgres.yaml takes its URL and password from these variables, resolved at start.
        $env:PG_URL = $script:Rig.CONTAINERMCP_PG_URL
        $env:PG_PASSWORD = (Get-Content -Raw $script:Rig.CONTAINERMCP_PG_PASSWORD_FILE).Trim()
    }

    AfterAll {
        Get-McpServer pg-yaml, everything-yaml -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
        Remove-Item -Recurse -Force $script:Scratch -ErrorAction SilentlyContinue
        Remove-Item Env:PG_URL, Env:PG_PASSWORD -ErrorAction SilentlyContinue
    }

    It 'Import-McpServerConfig reads every example into objects with a table view' {
        $configs = Get-ChildItem $script:Examples -Filter *.yaml | Import-McpServerConfig

        $configs.Name | Sort-Object | Should -Be @('everything', 'github', 'pg', 'teradata')
        ($configs | Where-Object Name -eq 'github').AllowEgress | Should -Be 'api.github.com:443'
        ($configs | Where-Object Name -eq 'pg').IncludeTool | Should -Be 'query'
        ($configs | Where-Object Name -eq 'teradata').Runtime | Should -Match '^python 3\.12'
        $table = $configs | Format-Table | Out-String -Width 300
        $table | Should -Match 'postgres\.yaml:\d+'
        $table | Should -Not -Match 'ContainerMcp\.McpServerConfiguration'
    }

    It 'Import-McpServerConfig | Start-McpServer starts the postgres example, whose query then works' {
        $config = Import-McpServerConfig (Join-Path $script:Examples 'postgres.yaml')
        # The example's server is named pg, which this file already runs; the name is the only change.
        $yaml = (Get-Content -Raw (Join-Path $script:Examples 'postgres.yaml')) -replace '- name: pg', '- name: pg-yaml'
        Set-Content (Join-Path $script:Scratch 'pg.yaml') $yaml

        $server = Import-McpServerConfig (Join-Path $script:Scratch 'pg.yaml') | Start-McpServer -ErrorAction Stop

        $config.Name | Should -Be 'pg'
        $server.Name | Should -Be 'pg-yaml'
        $server.EnvironmentNames | Should -Be 'PGPASSWORD'
        (Invoke-McpTool -ServerName pg-yaml -Name query -Arguments @{ sql = 'select name from items where id = 3' }).Data.name |
            Should -Be 'gamma'
        ($server | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($env:PG_PASSWORD))
    }

    It 'Start-McpServer -Config with -Name starts only the named server of a file' {
        $server = Start-McpServer -Config (Join-Path $script:Examples 'everything.yaml') -Name everything -ErrorAction Stop
        Stop-McpServer everything -Confirm:$false   # the file's own everything server now runs under its name
        $server.Name | Should -Be 'everything'
        $server.ExcludeTool | Should -Be 'trigger-*'
    }

    It 'an excluded tool in a configuration is an error that says it is filtered by configuration' {
        $yaml = (Get-Content -Raw (Join-Path $script:Examples 'everything.yaml')) -replace '- name: everything', '- name: everything-yaml'
        Set-Content (Join-Path $script:Scratch 'everything.yaml') $yaml
        $null = Start-McpServer -Config (Join-Path $script:Scratch 'everything.yaml') -ErrorAction Stop

        (Get-McpTool -ServerName everything-yaml).Name | Where-Object { $_ -like 'trigger-*' } | Should -BeNullOrEmpty
        $failure = { Invoke-McpTool -ServerName everything-yaml -Name trigger-long-running-operation -ErrorAction Stop } |
            Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'filtered out by configuration'
        $failure.CategoryInfo.Category | Should -Be PermissionDenied
    }

    It 'a missing variable is an error naming it, and nothing starts' {
        Remove-Item Env:PG_PASSWORD
        try {
            $failure = { Start-McpServer -Config (Join-Path $script:Scratch 'pg.yaml') -Name pg-yaml -ErrorAction Stop } | Should -Throw -PassThru
        }
        finally {
            $env:PG_PASSWORD = (Get-Content -Raw $script:Rig.CONTAINERMCP_PG_PASSWORD_FILE).Trim()
        }
        # pg-yaml still runs from the earlier test; a second start of it fails on the variable before the name.
        $failure.Exception.Message | Should -Match 'PG_PASSWORD'
        $failure.CategoryInfo.Category | Should -Be InvalidData
    }

    It 'a literal password in a file is refused unless -AllowPlaintextSecret' {
        $file = Join-Path $script:Scratch 'literal.yaml'
        Set-Content $file "servers:`n  - name: lit`n    image: x`n    mcp_server:`n      env: { API_TOKEN: abc123 }"

        $failure = { Import-McpServerConfig $file -ErrorAction Stop } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'literal.yaml:\d+'
        $failure.Exception.Message | Should -Match '\$\{env:API_TOKEN\}'
        $failure.Exception.Message | Should -Not -Match 'abc123'
        (Import-McpServerConfig $file -AllowPlaintextSecret).Name | Should -Be 'lit'
    }

    It 'Export-McpServerConfig writes YAML that holds references, never the password, and reads back' {
        $file = Join-Path $script:Scratch 'exported.yaml'

        Get-McpServer pg-yaml | Export-McpServerConfig -Path $file

        $text = Get-Content -Raw $file
        $text | Should -Match 'PG_PASSWORD'
        $text | Should -Not -Match ([regex]::Escape($env:PG_PASSWORD))
        (Import-McpServerConfig $file).Name | Should -Be 'pg-yaml'
        { Get-McpServer pg-yaml | Export-McpServerConfig -Path $file -ErrorAction Stop } | Should -Throw '*-Force*'
    }

    It 'a server started from parameters exports with its secret-looking values as references' {
        $yaml = Get-McpServer pg | Export-McpServerConfig -WarningVariable warned -WarningAction SilentlyContinue

        $yaml | Should -Match '\$\{env:PGPASSWORD\}'
        $yaml | Should -Not -Match ([regex]::Escape($env:PG_PASSWORD))
        "$warned" | Should -Match 'PGPASSWORD'
    }
}

Describe 'Lifecycle' {
    AfterAll {
        Get-McpServer phoenix, lazy -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
    }

    It 'a killed container is restarted and the server is Healthy again, with the restart counted' {
        $server = Start-McpServer phoenix -Image $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING -ErrorAction Stop
        $first = $server.ContainerId

        docker kill $first | Out-Null

        Wait-Until { (Get-McpServer phoenix).Restarts -eq 1 -and (Get-McpServer phoenix).State -eq 'Running' } 'phoenix has restarted'
        $health = Get-McpServerHealth phoenix
        $health.Status | Should -Be Healthy
        $health.Restarts | Should -Be 1
        (Get-McpServer phoenix).ContainerId | Should -Not -Be $first
        (Get-McpServer phoenix).ExitReason | Should -Match 'killed'
        (Invoke-McpTool -ServerName phoenix -Name echo -Arguments @{ message = 'risen' }).Text | Should -Match 'risen'
    }

    It 'an on-demand server starts on its first call and stops its container when idle' {
        $server = Start-McpServer lazy -Image $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING -Strategy on-demand -IdleTimeoutSeconds 2 -ErrorAction Stop
        $server.State | Should -Be 'Idle'
        (Get-McpServerHealth lazy).Status | Should -Be Stopped

        (Invoke-McpTool -ServerName lazy -Name echo -Arguments @{ message = 'awake' }).Text | Should -Match 'awake'
        (Get-McpServer lazy).State | Should -Be 'Running'

        Wait-Until { (Get-McpServer lazy).State -eq 'Idle' } 'lazy has idled out'
        (Get-McpTool -ServerName lazy).Name | Should -Contain 'echo'   # the kept list; no start
        (Get-McpServer lazy).State | Should -Be 'Idle'
    }
}

Describe 'Orphans' {
    BeforeAll {
        # A process that has ended stands in for a PowerShell session killed while its server ran.
        $ended = Start-Process sleep -ArgumentList 60 -PassThru
        $ended | Stop-Process -Force
        $ended.WaitForExit()
        $script:DeadPid = $ended.Id
        $script:OrphanId = docker run -d --network none `
            --label io.containermcp.managed=true --label io.containermcp.server=stray `
            --label "io.containermcp.owner.pid=$script:DeadPid" --label "io.containermcp.owner.host=$([Environment]::MachineName)" `
            $script:Rig.CONTAINERMCP_IMAGE_NODE -e 'setInterval(() => {}, 1000)'
        if ($LASTEXITCODE -ne 0) { throw "docker run failed ($LASTEXITCODE): could not make an orphan." }
    }

    AfterAll {
        # Only the container made here: other sessions may share this daemon.
        if ($script:OrphanId) { docker rm -f $script:OrphanId 2>&1 | Out-Null }
    }

    It 'Get-McpServer -Orphaned lists a container whose owner process has exited, with the reason' {
        $orphan = Get-McpServer -Orphaned | Where-Object ContainerId -eq $script:OrphanId

        $orphan | Should -HaveCount 1
        $orphan.LabelledServer | Should -Be 'stray'
        $orphan.State | Should -Be 'running'
        $orphan.OwnerPid | Should -Be $script:DeadPid
        $orphan.Reason | Should -Match "process $script:DeadPid .*has exited"
        ($orphan | Format-Table | Out-String) | Should -Match '\bstray\b'
    }

    It "does not list the session's own servers" {
        $own = @((Get-McpServer).ContainerId)
        $own | Should -Not -BeNullOrEmpty

        Get-McpServer -Orphaned | Where-Object ContainerId -in $own | Should -BeNullOrEmpty
    }

    It 'Remove-McpServer -WhatIf removes nothing' {
        Get-McpServer -Orphaned | Where-Object ContainerId -eq $script:OrphanId | Remove-McpServer -WhatIf

        Get-ManagedContainer $script:OrphanId | Should -HaveCount 1
    }

    It 'Get-McpServer -Orphaned | Remove-McpServer -Confirm:$false removes it and leaves the live servers running' {
        # Filtered to this container: orphans of other sessions on a shared daemon are not this test's to remove.
        $removed = Get-McpServer -Orphaned | Where-Object ContainerId -eq $script:OrphanId | Remove-McpServer -Confirm:$false -PassThru

        $removed.ContainerId | Should -Be $script:OrphanId
        Get-ManagedContainer $script:OrphanId | Should -BeNullOrEmpty
        (Get-McpServerHealth pg).Status | Should -Be Healthy
    }
}

Describe 'Observability' {
    # tests/rig/servers/meta-server.js: 'echo' answers, 'fail' is a tool error that quotes its arguments.
    BeforeAll {
        $servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
        $null = Start-McpServer obs -Image $script:Rig.CONTAINERMCP_IMAGE_NODE -Volume "${servers}:/srv:ro" `
            -Command /srv/meta-server.js -ErrorAction Stop
        $null = Invoke-McpTool -ServerName obs -Name echo -Arguments @{ message = 'hi'; password = 'hunter2-secret' } -ErrorAction Stop
        $null = Invoke-McpTool -ServerName obs -Name fail -Arguments @{ password = 'hunter2-secret' } -ErrorAction SilentlyContinue
    }

    AfterAll {
        Stop-McpServer obs -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'Get-McpAuditLog reads back one entry per call with its outcome, and -Failed keeps the failures' {
        $calls = @(Get-McpAuditLog -Server obs -Tool *)

        $calls.Tool | Should -Be @('echo', 'fail')
        $calls.Outcome | Should -Be @('success', 'tool-error')
        $calls[0].ArgumentNames | Should -Be @('message', 'password')
        $calls[0].ArgumentsHash | Should -Match '^[0-9a-f]{64}$'
        $calls[0].Arguments | Should -BeNullOrEmpty   # values only when the user opts in
        $calls[0].User | Should -Be ([Environment]::UserName)
        $calls[1].Error | Should -BeLike 'refused:*'
        @(Get-McpServer obs | Get-McpAuditLog -Failed).Tool | Should -Be @('fail')
        @(Get-McpAuditLog -Server obs).Event | Should -Contain 'start'
        @(Get-McpAuditLog -Server obs -Since (Get-Date).AddMinutes(5)) | Should -HaveCount 0
    }

    It 'the audit log holds no secret value, not even where a tool error quoted it' {
        (Get-McpAuditLog -Server obs -Tool fail).Path | Should -Be $script:AuditLog
        Get-Content -Raw $script:AuditLog | Should -Not -BeLike '*hunter2-secret*'
        (Get-McpAuditLog -Server obs -Tool fail).Error | Should -BeLike '*"password":"***"*'
    }

    It 'Get-McpAuditLog has a table view, and a missing -Path is an error naming it' {
        $table = Get-McpAuditLog -Server obs | Format-Table | Out-String
        $table | Should -Match 'ServerName\s+Event\s+Tool\s+Outcome'
        $missing = Join-Path ([IO.Path]::GetTempPath()) 'no-such-audit.log'
        { Get-McpAuditLog -Path $missing -ErrorAction Stop } | Should -Throw "*$missing*"
    }

    It 'Get-McpServer shows calls, failures, average and p95 duration' {
        $server = Get-McpServer obs
        $server.Calls | Should -Be 2
        $server.Failures | Should -Be 1
        $server.AverageMs | Should -BeGreaterThan 0
        $server.P95Ms | Should -BeGreaterOrEqual ($server.AverageMs / 2)
        ($server | Format-List | Out-String) | Should -Match 'P95Ms\s*:'
    }

    It 'loads no OpenTelemetry assembly when no OTLP endpoint is configured' -Skip:([bool]($env:OTEL_EXPORTER_OTLP_ENDPOINT -or $env:CONTAINERMCP_OTLP_ENDPOINT)) {
        [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -like 'OpenTelemetry*' } | Should -BeNullOrEmpty
    }
}

Describe 'Dependency isolation' {
    It 'works in a session that already loaded another assembly named YamlDotNet' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "containermcp-yaml-clash-$PID"
        $null = New-Item -ItemType Directory -Force $dir
        try {
            # An impostor named YamlDotNet, version 1.0, loaded first into the default context: were the module to
            # use the default context, loading its YamlDotNet 18 would fail. Add-Type cannot choose an assembly
            # name, so the Roslyn compiler it brings is called directly.
            $impostor = Join-Path $dir 'YamlDotNet.dll'
            Add-Type -TypeDefinition 'public static class ContainerMcpRoslynWarmUp { }'
            $code = '[assembly: System.Reflection.AssemblyVersion("1.0.0.0")] ' +
                'namespace YamlDotNet { public static class Impostor { public static int Version() { return 0; } } }'
            $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create('YamlDotNet',
                [Microsoft.CodeAnalysis.SyntaxTree[]] @([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($code)),
                [Microsoft.CodeAnalysis.MetadataReference[]] @([Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile([object].Assembly.Location)),
                [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary))
            $stream = [IO.File]::Create($impostor)
            try { $compilation.Emit([IO.Stream] $stream).Success | Should -BeTrue } finally { $stream.Dispose() }
            $example = Join-Path $PSScriptRoot '../examples/everything.yaml'
            $script = "Add-Type -Path '$impostor'; Import-Module '$script:Manifest'; " +
                "[YamlDotNet.Impostor]::Version(); (Import-McpServerConfig '$example').Name; " +
                "([AppDomain]::CurrentDomain.GetAssemblies().GetName() | Where-Object Name -eq 'YamlDotNet' | Sort-Object Version).Version.Major -join ','"

            $output = Invoke-Pwsh -ArgumentList '-Command', $script

            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            $output | Should -Be @('0', 'everything', '1,18')
        }
        finally {
            Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Timeouts' {
    # tests/rig/servers/hang-server.js on the node image (entrypoint node): its tool 'hang' never answers, and it
    # logs "cancelled <id> <reason>" to stderr when told to drop a request.
    BeforeAll {
        $servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
        $null = Start-McpServer hang -Image $script:Rig.CONTAINERMCP_IMAGE_NODE -Volume "${servers}:/srv:ro" `
            -Command /srv/hang-server.js -ErrorAction Stop
    }

    AfterAll {
        Stop-McpServer hang -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'a call over -TimeoutSeconds fails as a timeout naming the limit, is cancelled on the server, and the next call works' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = { Invoke-McpTool -ServerName hang -Name hang -TimeoutSeconds 1 -ErrorAction Stop } | Should -Throw -PassThru
        $clock.Stop()

        $failure.CategoryInfo.Category | Should -Be OperationTimeout
        $failure.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.ToolCallFailed*'
        $failure.Exception.Message | Should -BeLike "*'hang'*tool 'hang'*within 1 s*"
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        Wait-Until { @((Get-McpServerLog hang).Text -like 'hang *').Count -gt 0 } 'the server logs the call' -TimeoutSeconds 10
        $cancelled = "cancelled $(@((Get-McpServerLog hang).Text -like 'hang *')[-1].Substring(5)) *"
        Wait-Until { @((Get-McpServerLog hang).Text -like $cancelled).Count -gt 0 } 'the server logs that it was told to cancel that call' -TimeoutSeconds 10
        (Invoke-McpTool -ServerName hang -Name echo -Arguments @{message='after the timeout'} -ErrorAction Stop).Text |
            Should -Be 'Echo: after the timeout'
        Start-Sleep -Milliseconds 300
        @((Get-McpServerLog hang).Text -like $cancelled).Count | Should -Be 1 -Because 'the server is told once per given-up call'
        (Get-McpServer hang).State | Should -Be Running
    }
}

Describe 'Misbehaving servers' {
    # tests/rig/servers/hostile-server.js on the node image: 'huge' answers {mb} MiB, 'wrong_types' answers
    # "isError": "maybe", 'echo' answers properly.
    BeforeAll {
        $script:Servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
        $script:HostileScratch = Join-Path ([IO.Path]::GetTempPath()) "containermcp-hostile-$PID"
        $null = New-Item -ItemType Directory -Force $script:HostileScratch
        $null = Start-McpServer hostile -Image $script:Rig.CONTAINERMCP_IMAGE_NODE -Volume "$($script:Servers):/srv:ro" `
            -Command /srv/hostile-server.js -MaxMessageMB 2 -ErrorAction Stop
    }

    AfterAll {
        Get-McpServer hostile, hostile-yaml -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
        Remove-Item -Recurse -Force $script:HostileScratch -ErrorAction SilentlyContinue
    }

    It 'an answer over -MaxMessageMB fails its call naming the server, the size, the limit and the way out; the server runs on' {
        $failure = { Invoke-McpTool -ServerName hostile -Name huge -Arguments @{ mb = 20 } -ErrorAction Stop } | Should -Throw -PassThru

        $failure.CategoryInfo.Category | Should -Be InvalidData
        $failure.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.ToolCallFailed*'
        $failure.Exception.Message | Should -BeLike "MCP server 'hostile' sent an answer of 20.0 MiB while calling tool 'huge', more than its limit of 2 MiB*"
        $failure.Exception.Message | Should -BeLike '*the server is still running*raise max_message_mb*Start-McpServer -MaxMessageMB*'
        @((Get-McpServerLog hostile).Text -like '`[containermcp] refused an answer (id *) of 20.0 MiB: more than max_message_mb (2 MiB)*').Count |
            Should -Be 1
        (Invoke-McpTool -ServerName hostile -Name echo -Arguments @{ message = 'still here' } -ErrorAction Stop).Text | Should -Be 'Echo: still here'
        (Get-McpServer hostile).Restarts | Should -Be 0
        (Get-McpServer hostile).State | Should -Be Running
    }

    It 'max_message_mb in a YAML file sets the limit, and an answer within it arrives whole' {
        $file = Join-Path $script:HostileScratch 'hostile.yaml'
        Set-Content $file @"
servers:
  - name: hostile-yaml
    image: $($script:Rig.CONTAINERMCP_IMAGE_NODE)
    mcp_server: { args: [/srv/hostile-server.js] }
    volumes: ["$($script:Servers):/srv:ro"]
    resource_limits: { max_message_mb: 3 }
"@
        (Import-McpServerConfig $file).MaxMessageMB | Should -Be 3
        $null = Start-McpServer -ConfigPath $file -ErrorAction Stop

        (Invoke-McpTool -ServerName hostile-yaml -Name huge -Arguments @{ mb = 2 } -ErrorAction Stop).Text.Length | Should -Be (2 * 1024 * 1024)
        { Invoke-McpTool -ServerName hostile-yaml -Name huge -Arguments @{ mb = 4 } -ErrorAction Stop } |
            Should -Throw "MCP server 'hostile-yaml' sent an answer of 4.0 MiB while calling tool 'huge', more than its limit of 3 MiB*"
    }

    It 'a result of the wrong type fails its call naming the server and the member, not in System.Text.Json''s words' {
        $failure = { Invoke-McpTool -ServerName hostile -Name wrong_types -ErrorAction Stop } | Should -Throw -PassThru

        $failure.CategoryInfo.Category | Should -Be InvalidData
        $failure.Exception.Message | Should -Be ("MCP server 'hostile' answered calling tool 'wrong_types' with a result that is not valid MCP: " +
            'a value that is not true or false at $.isError. The answer was ignored and the request failed; the server is still running. ' +
            "The server's author can fix this.")
        (Invoke-McpTool -ServerName hostile -Name echo -Arguments @{ message = 'after' } -ErrorAction Stop).Text | Should -Be 'Echo: after'
    }
}

Describe 'Networks, volumes and isolation' {
    BeforeAll {
        $script:IsoImage = $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING
        $script:IsoNetwork = "cmcp-pester-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $script:IsoDir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "containermcp-pester-$([guid]::NewGuid().ToString('n'))")).FullName
    }

    AfterAll {
        Get-McpServer iso-* | Stop-McpServer -Confirm:$false
        Remove-Item $script:IsoDir -Recurse -Force -ErrorAction SilentlyContinue
        docker network ls -q --filter "name=^$($script:IsoNetwork)$" | Should -BeNullOrEmpty
    }

    It 'a server with the defaults is isolated' {
        $null = Start-McpServer iso-default -Image $script:IsoImage -ErrorAction Stop

        $r = Test-McpServerIsolation iso-default

        $r.IsIsolated | Should -BeTrue -Because $r.Reasons
        $r.Name | Should -Be 'iso-default'
        $r.ContainerId | Should -Be (Get-McpServer iso-default).ContainerId
        $r.Checks.Name | Should -Be @('NonRootUser', 'ReadOnlyRootFilesystem', 'CapabilitiesDropped', 'NoNewPrivileges',
            'NotPrivileged', 'NoPublishedPorts', 'NoHostNamespaces', 'InternalNetworksOnly')
        $r.Checks.Passed | Should -Not -Contain $false
        $r.Networks | Should -BeNullOrEmpty
        $r.Reasons | Should -BeNullOrEmpty
    }

    It 'a server run as root is not isolated, and the reason says so' {
        $null = Start-McpServer iso-root -Image $script:IsoImage -User 0 -ErrorAction Stop

        $r = Get-McpServer iso-root | Test-McpServerIsolation

        $r.IsIsolated | Should -BeFalse
        ($r.Checks | Where-Object { -not $_.Passed }).Name | Should -Be 'NonRootUser'
        $r.Reasons | Should -Be @("It runs as root (user '0').")
    }

    It '-Network -InternalNetwork makes an internal network of ours, gone when its server stops' {
        $null = Start-McpServer iso-net -Image $script:IsoImage -Network $script:IsoNetwork -InternalNetwork -ErrorAction Stop

        $network = docker network inspect $script:IsoNetwork | ConvertFrom-Json
        $network.Internal | Should -BeTrue
        $network.Labels.'io.containermcp.managed' | Should -Be 'true'
        $r = Test-McpServerIsolation iso-net
        $r.IsIsolated | Should -BeTrue -Because $r.Reasons
        $r.Networks.Name | Should -Be $script:IsoNetwork
        $r.Networks.Internal | Should -BeTrue
        $r.Networks.ReachesHost | Should -BeFalse
        (Get-McpServer iso-net).InternalNetwork | Should -BeTrue

        Stop-McpServer iso-net -Confirm:$false

        docker network ls -q --filter "name=^$($script:IsoNetwork)$" | Should -BeNullOrEmpty
    }

    It '-InternalNetwork without a network of its own is refused' {
        $failure = { Start-McpServer iso-bad -Image $script:IsoImage -InternalNetwork -ErrorAction Stop } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.InvalidConfiguration*'
        $failure.Exception.Message | Should -Match '-InternalNetwork needs -Network'
        Get-McpServer iso-bad -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a -Volume with no mode is mounted read-only' {
        $null = Start-McpServer iso-vol -Image $script:IsoImage -Volume "$($script:IsoDir):/data" -ErrorAction Stop

        $mounts = (docker inspect (Get-McpServer iso-vol).ContainerId | ConvertFrom-Json).Mounts
        $data = $mounts | Where-Object Destination -eq '/data'
        $data.RW | Should -BeFalse
    }

    It 'an isolation report shows as a table' {
        $text = Test-McpServerIsolation iso-root | Out-String

        $text | Should -Match 'IsIsolated'
        $text | Should -Match 'runs as root'
    }
}

Describe 'Images' {
    BeforeAll {
        $script:NodeImage = $script:Rig.CONTAINERMCP_IMAGE_NODE
        $script:BasesBefore = @((Get-McpServerImage | Where-Object Role -eq base).Name)
        $script:Repository = "containermcp-test/pester-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $script:ImagesDir = Join-Path ([IO.Path]::GetTempPath()) "containermcp-pester-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $null = New-Item -ItemType Directory $script:ImagesDir
        $servers = (Resolve-Path (Join-Path $PSScriptRoot 'rig/servers')).Path
        # A node runtime on the rig's node image, no image named: Start-McpServer builds it first.
        @"
servers:
  - name: built-hang
    runtime: { type: node, base_image: $script:NodeImage }
    mcp_server: { args: [/srv/hang-server.js] }
    volumes: ["${servers}:/srv:ro"]
"@ | Set-Content (Join-Path $script:ImagesDir 'servers.yaml')
    }

    AfterAll {
        Get-McpServer built-hang -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
        Get-McpServerImage "$script:Repository*" | Remove-McpServerImage -Force -Confirm:$false
        Get-McpServerImage | Where-Object { $script:StartedImage -and $_.Name -eq $script:StartedImage } | Remove-McpServerImage -Force -Confirm:$false
        # Bases made from the host's runtimes during these tests (kept when they were there before).
        Get-McpServerImage | Where-Object { $_.Role -eq 'base' -and $_.Name -notin $script:BasesBefore } | Remove-McpServerImage -Force -Confirm:$false
        Remove-Item -Recurse -Force $script:ImagesDir
    }

    It 'builds a node image on a local base, then reuses it unchanged' {
        $first = Build-McpServerImage -Runtime node -BaseImage $script:NodeImage -Repository $script:Repository -ErrorAction Stop
        $first.Reused | Should -BeFalse
        $first.Runtime | Should -Be 'node'
        $first.Name | Should -BeLike "$script:Repository`:*"

        $again = Build-McpServerImage -Runtime node -BaseImage $script:NodeImage -Repository $script:Repository -ErrorAction Stop
        $again.Reused | Should -BeTrue
        $again.Id | Should -Be $first.Id
        (Get-McpServerImage "$script:Repository*").Name | Should -Be $first.Name
    }

    It 'starts a server whose configuration has a runtime and no image, building the image first' {
        $server = Start-McpServer -Config (Join-Path $script:ImagesDir 'servers.yaml') -ErrorAction Stop
        $script:StartedImage = $server.Image
        $server.Image | Should -BeLike 'containermcp/mcp-node:*'
        (Get-McpTool -ServerName built-hang).Name | Should -Contain 'echo'
        Stop-McpServer built-hang -Confirm:$false
    }

    It 'removes an image piped from Get-McpServerImage, and -WhatIf removes nothing' {
        Get-McpServerImage "$script:Repository*" | Remove-McpServerImage -WhatIf
        Get-McpServerImage "$script:Repository*" | Should -Not -BeNullOrEmpty
        Get-McpServerImage "$script:Repository*" | Remove-McpServerImage -Confirm:$false
        Get-McpServerImage "$script:Repository*" | Should -BeNullOrEmpty
    }

    It 'says plainly that nothing can be pulled when no registry is reachable' {
        # A registry on a closed loopback port: nothing leaves this machine.
        Request-McpServerImage 127.0.0.1:9/containermcp-test/none:1 -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.PullFailed*'
        $failed[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failed[0].Exception.Message | Should -BeLike '*no container registry is reachable*Build-McpServerImage -Runtime*'
    }

    It 'fails a python image with packages, naming the package' {
        Build-McpServerImage -Runtime python -Package mcp-server-fetch -Repository $script:Repository -ErrorAction SilentlyContinue -ErrorVariable failed |
            Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerMcp.BuildFailed*'
        $failed[0].Exception.Message | Should -BeLike "*'mcp-server-fetch'*base_image*"
    }
}

Describe 'Remove-Module' {
    # Last: it takes the module away from the file's other tests, and imports it again afterwards.
    It 'stops every server the module started' {
        $server = Start-McpServer doomed -Image $script:Rig.CONTAINERMCP_IMAGE_EVERYTHING -ErrorAction Stop
        $containers = @((Get-McpServer).ContainerId)
        $containers | Should -Contain $server.ContainerId

        Remove-Module ContainerMcp

        foreach ($id in $containers) {
            Wait-Until { (Get-ManagedContainer $id).Count -eq 0 } "container $id is gone after Remove-Module" -TimeoutSeconds 30
        }
        Import-Module $script:Manifest
        Get-McpServer | Should -BeNullOrEmpty
    }
}
