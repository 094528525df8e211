<#
    Operational checks for MCP servers, written as Pester tests: adapt the names and thresholds, then run it
    from a scheduled job or a CI stage. A failing check exits non-zero (with -CI), so alerting is free.

    Shows: health status, ping latency, memory, restarts, and a canary tool call, per server.

    Run it against servers this session starts (as below), or drop the BeforeAll/AfterAll and point it at
    your own start script. This copy starts the repository's test servers, so it needs the test rig (its images and
    PostgreSQL: bash tests/rig/up.sh, as root on Debian), the built module and Pester 5 (Install-PSResource Pester):
        bash tests/rig/up.sh && pwsh ./build.ps1
        pwsh -NoProfile -c 'Invoke-Pester ./examples/ops-checks.Tests.ps1 -Output Detailed -CI'
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1')

    # The rig's database; in your copy, read these from your own configuration or secret store.
    $rig = @{}
    Get-Content (Join-Path $PSScriptRoot '../.rig/env') | ForEach-Object {
        if ($_ -match "^\s*export\s+(\w+)='(.*)'$") { $rig[$Matches[1]] = $Matches[2] }
    }
    $password = (Get-Content -Raw $rig.CONTAINERMCP_PG_PASSWORD_FILE).Trim()

    Start-McpServer pg -Image containermcp/postgres:local -Network host -Command $rig.CONTAINERMCP_PG_URL `
        -Environment @{ PGPASSWORD = $password } | Out-Null
    Start-McpServer everything -Image containermcp/everything:local | Out-Null
}

AfterAll {
    Get-McpServer | Stop-McpServer -Confirm:$false
}

Describe 'MCP server <_>' -ForEach 'pg', 'everything' {
    BeforeAll {
        $health = Get-McpServerHealth $_
    }

    It 'is healthy' {
        $health.Status | Should -Be Healthy
    }

    It 'answers a ping within 500 ms' {
        $health.PingLatency.TotalMilliseconds | Should -BeLessThan 500
    }

    It 'has not restarted' {
        $health.Restarts | Should -Be 0
    }

    It 'uses less than 200 MB of memory' {
        $health.MemoryBytes | Should -BeLessThan 200MB
    }
}

Describe 'Canary calls' {
    It 'pg is Healthy' {
        (Get-McpServerHealth pg).Status | Should -Be Healthy
    }

    It 'pg answers a query with the expected rows' {
        $result = Invoke-McpTool -ServerName pg -Name query -Arguments @{ sql = 'select count(*)::int as n from items' }

        $result.IsError | Should -BeFalse
        $result.Data.n | Should -BeGreaterThan 0
    }

    It 'everything echoes within 2 seconds' {
        $result = Invoke-McpTool -ServerName everything -Name echo -Arguments @{ message = 'canary' } -TimeoutSeconds 2

        $result.Text | Should -Match 'canary'
    }

    It 'every server is Healthy' {
        Get-McpServer | Get-McpServerHealth | Where-Object Status -ne Healthy | Should -BeNullOrEmpty
    }
}
