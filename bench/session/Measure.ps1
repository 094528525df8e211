# The measurements of bench/session.ps1. Each prints its figures, then one line per target: met or NOT met.

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { return $sorted[($n - 1) / 2] }
    return ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

function Write-Target([string] $Target, [bool] $Met, [string] $Detail) {
    Write-Host ('  {0,-46} {1,-8} ({2})' -f $Target, ($Met ? 'met' : 'NOT met'), $Detail)
}

function Write-Step([string] $Text) { [Console]::Error.WriteLine($Text) }

function Get-ElapsedMs([long] $Since) { [Diagnostics.Stopwatch]::GetElapsedTime($Since).TotalMilliseconds }

# CPU of this process's finished children (user + system, ms) on Linux, from /proc/self/stat; null elsewhere.
function Get-ChildCpuMs {
    if (-not $IsLinux) { return $null }
    $fields = (Get-Content /proc/self/stat -Raw).Split(')')[-1].Trim().Split(' ')
    ([long]$fields[13] + [long]$fields[14]) * 10   # cutime, cstime: fields 16 and 17, in 1/100 s
}

# Import-Module against a bare start, each in a fresh process, A B A B … after one warm-up pair; the difference pair
# by pair. Wall time is the target; CPU time is printed beside it, since other work on the machine moves it far less.
function Measure-ImportCost([string] $ModulePath, [int] $Runs) {
    $pwsh = $env:CONTAINERMCP_PWSH ?? (Get-Command pwsh).Source
    $bare = '-NoProfile', '-NonInteractive', '-Command', '1'
    $import = '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$ModulePath'"
    $time = {
        param([string[]] $Arguments)
        $info = [Diagnostics.ProcessStartInfo]::new($pwsh)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
        $process = [Diagnostics.Process]::Start($info)
        $null = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "$pwsh $Arguments exited with $($process.ExitCode)." }
        Get-ElapsedMs $t0
    }
    $null = & $time $bare; $null = & $time $import
    $bareMs = @(); $importMs = @(); $added = @(); $addedCpu = @()
    for ($i = 0; $i -lt $Runs; $i++) {
        $c0 = Get-ChildCpuMs; $b = & $time $bare; $c1 = Get-ChildCpuMs; $m = & $time $import; $c2 = Get-ChildCpuMs
        $bareMs += $b; $importMs += $m; $added += $m - $b
        if ($null -ne $c0) { $addedCpu += ($c2 - $c1) - ($c1 - $c0) }
    }
    $cost = Get-Median $added
    Write-Host ("import, {0} pairs, median ms: pwsh -c 1 {1:0}  pwsh -c Import-Module {2:0}  added {3:0} wall{4}" -f
        $Runs, (Get-Median $bareMs), (Get-Median $importMs), $cost, ($addedCpu ? (', {0:0} CPU' -f (Get-Median $addedCpu)) : ''))
    Write-Target 'Import-Module ≤ bare pwsh + 200 ms' ($cost -le 200) ('added {0:0} ms' -f $cost)
}

# The engine's warm call measured as the engine benchmark measures it (awaited, no PowerShell between calls), compiled
# here against the module's own engine assembly so it runs in this process on the same server as Invoke-McpTool.
$script:EngineLoopSource = @'
using System.Diagnostics;
using ContainerMcp.Engine.Servers;
public static class ContainerMcpBenchEngineLoop
{
    public static void Time(object server, double[] ms, int from, int to) =>
        System.Threading.Tasks.Task.Run(async () =>
        {
            var s = (ManagedServer)server;
            var arguments = new System.Collections.Generic.Dictionary<string, object> { ["message"] = "x" };
            for (int i = from; i < to; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                await s.CallToolAsync("echo", arguments);
                ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }).GetAwaiter().GetResult();
}
'@

# Invoke-McpTool in a loop against the engine's own call (ManagedServer.CallToolAsync, reached by reflection) on the
# same server, in blocks of 50 taken in turn.
function Measure-CallCost([string] $Image, [int] $Calls, [string] $ModulePath) {
    if (-not ('ContainerMcpBenchEngineLoop' -as [type])) {
        $engineDll = Join-Path (Split-Path $ModulePath) 'Dependencies/ContainerMcp.Engine.dll'
        Add-Type -TypeDefinition $script:EngineLoopSource -ReferencedAssemblies $engineDll, 'System.Collections', 'System.Runtime' -IgnoreWarnings
    }
    $server = Start-McpServer -Name bench-call -Image $Image
    try {
        $managed = $server.GetType().GetProperty('Server', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($server)
        $engine = [double[]]::new($Calls); $cmdlet = [double[]]::new($Calls)
        # Warm until the JIT settles: PowerShell's own code tiers up over the first few thousand cmdlet calls, and
        # that compiling, on a background thread, slows every call on a 2-core machine until it is done.
        $warm = [double[]]::new(200)
        for ($block = 1; $block -le 30; $block++) {
            $compiled = [Runtime.JitInfo]::GetCompiledMethodCount($false)
            [ContainerMcpBenchEngineLoop]::Time($managed, $warm, 0, 200)
            for ($i = 0; $i -lt 200; $i++) { $null = Invoke-McpTool -Name echo -Arguments @{ message = 'x' } -ServerName bench-call }
            if (([Runtime.JitInfo]::GetCompiledMethodCount($false) - $compiled) -le 10) { break }
        }
        Write-Step ("call: warmed up with {0} calls each, until a block of 200 compiled at most 10 methods" -f (200 * $block))
        for ($done = 0; $done -lt $Calls; $done += 50) {
            $end = [Math]::Min($done + 50, $Calls)
            [ContainerMcpBenchEngineLoop]::Time($managed, $engine, $done, $end)
            for ($i = $done; $i -lt $end; $i++) {
                $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
                $null = Invoke-McpTool -Name echo -Arguments @{ message = 'x' } -ServerName bench-call
                $cmdlet[$i] = Get-ElapsedMs $t0
            }
        }
        $e = Get-Median $engine; $c = Get-Median $cmdlet
        Write-Host ("call, server-everything echo, {0} calls each, median ms: engine {1:0.000}  Invoke-McpTool {2:0.000}  cmdlet path {3:0.000}" -f
            $Calls, $e, $c, ($c - $e))
        Write-Target 'Invoke-McpTool ≤ engine warm call + 0.3 ms' ($c -le $e + 0.3) ('{0:0.000} ms vs {1:0.000} ms' -f $c, ($e + 0.3))
    }
    finally { Stop-McpServer -Name bench-call -Confirm:$false }
}

function New-LightConfigFile([hashtable] $Light, [string[]] $Names) {
    $path = Join-Path ([IO.Path]::GetTempPath()) "containermcp-bench-$PID.yaml"
    $lines = @('servers:')
    foreach ($name in $Names) {
        $lines += "  - name: $name", "    image: $($Light.Image)", "    volumes: [`"$($Light.Volume)`"]",
        "    mcp_server: { args: [$($Light.Command)] }"
    }
    Set-Content -Path $path -Value $lines
    $path
}

# One start and one stop, -Rounds times; then -Count configurations piped into Start-McpServer and all of them
# piped into Stop-McpServer, -Rounds times. Medians compared.
function Measure-PipelineCost([hashtable] $Light, [int] $Count, [int] $Rounds) {
    $names = 1..$Count | ForEach-Object { 'bench-piped-{0:00}' -f $_ }
    $file = New-LightConfigFile $Light $names
    try {
        $oneStart = @(); $oneStop = @(); $allStart = @(); $allStop = @()
        $null = Start-McpServer -Name bench-one @Light; Stop-McpServer -Name bench-one -Confirm:$false # warm-up
        for ($r = 1; $r -le $Rounds; $r++) {
            $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
            $null = Start-McpServer -Name bench-one @Light
            $oneStart += Get-ElapsedMs $t0
            $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
            Stop-McpServer -Name bench-one -Confirm:$false
            $oneStop += Get-ElapsedMs $t0

            $configs = Import-McpServerConfig -Path $file
            $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
            $started = @($configs | Start-McpServer)
            $allStart += Get-ElapsedMs $t0
            if ($started.Count -ne $Count) { throw "$($started.Count) of $Count piped servers started." }
            $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
            Get-McpServer -Name 'bench-piped-*' | Stop-McpServer -Confirm:$false
            $allStop += Get-ElapsedMs $t0
            Write-Step ("pipeline round {0}/{1}: one start {2:0} ms, {3} piped {4:0} ms; one stop {5:0} ms, {3} piped {6:0} ms" -f
                $r, $Rounds, $oneStart[-1], $Count, $allStart[-1], $oneStop[-1], $allStop[-1])
        }
        $s1 = Get-Median $oneStart; $sN = Get-Median $allStart; $p1 = Get-Median $oneStop; $pN = Get-Median $allStop
        Write-Host ("pipeline, {0} light servers, {1} rounds, median ms: one start {2:0}  {0} piped starts {3:0} ({4:0.00}×)  one stop {5:0}  {0} piped stops {6:0} ({7:0.00}×)" -f
            $Count, $Rounds, $s1, $sN, ($sN / $s1), $p1, $pN, ($pN / $p1))
        Write-Target "$Count piped starts ≤ 3× one start" ($sN -le 3 * $s1) ('{0:0} ms vs {1:0} ms' -f $sN, (3 * $s1))
        Write-Target "$Count piped stops ≤ 2× one stop" ($pN -le 2 * $p1) ('{0:0} ms vs {1:0} ms' -f $pN, (2 * $p1))
        Measure-DaemonFloor -Image $Light.Image -Count $Count -Rounds $Rounds
    }
    finally {
        Get-McpServer -Name 'bench-piped-*', 'bench-one' -ErrorAction SilentlyContinue | Stop-McpServer -Confirm:$false
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

# The daemon's own floor for the same batch, without ContainerMcp, MCP or an attach: `docker run -d` of a node process
# that idles, once, and -Count of them 8 at a time (the default -ThrottleLimit). What the daemon needs for the batch
# bounds what any client can reach.
function Measure-DaemonFloor([string] $Image, [int] $Count, [int] $Rounds) {
    $label = "io.containermcp.bench.floor=$PID"
    $run = { docker run -d --rm --label $using:label --network none $using:Image -e 'setTimeout(() => {}, 60000)' > $null }
    $one = @(); $all = @()
    try {
        for ($r = 1; $r -le $Rounds; $r++) {
            $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
            docker run -d --rm --label $label --network none $Image -e 'setTimeout(() => {}, 60000)' > $null
            $one += Get-ElapsedMs $t0
            $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
            1..$Count | ForEach-Object -ThrottleLimit 8 -Parallel $run
            $all += Get-ElapsedMs $t0
            docker ps -aq --filter "label=$label" | ForEach-Object { docker rm -f $_ > $null }
        }
    }
    finally { docker ps -aq --filter "label=$label" | ForEach-Object { docker rm -f $_ > $null } }
    $o = Get-Median $one; $a = Get-Median $all
    Write-Host ("  the daemon's floor, docker run -d without MCP, median ms: one {0:0}  {1}, 8 at a time {2:0} ({3:0.00}×)" -f $o, $Count, $a, ($a / $o))
}

function Get-ProcessFigures {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $self = [Diagnostics.Process]::GetCurrentProcess()
    [pscustomobject]@{
        WorkingSet = $self.WorkingSet64; Private = $self.PrivateMemorySize64; Threads = $self.Threads.Count
        Managed = [GC]::GetTotalMemory($true)
    }
}

# -Count idle light servers: the process's memory with none, 10 and -Count; threads at 10 and at -Count. Figures are
# taken after the starts settle (the thread pool's extra workers of the start burst retire after about 20 s idle).
function Measure-ScaleCost([hashtable] $Light, [int] $Count, [int] $SettleSeconds = 25) {
    $names = 1..$Count | ForEach-Object { 'bench-idle-{0:000}' -f $_ }
    $file = New-LightConfigFile $Light $names
    try {
        $configs = Import-McpServerConfig -Path $file
        Start-Sleep -Seconds $SettleSeconds
        $none = Get-ProcessFigures
        $null = $configs | Select-Object -First 10 | Start-McpServer
        Start-Sleep -Seconds $SettleSeconds
        $ten = Get-ProcessFigures
        $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
        $null = $configs | Select-Object -Skip 10 | Start-McpServer
        $startMs = Get-ElapsedMs $t0
        $running = @(Get-McpServer -Name 'bench-idle-*' | Where-Object State -EQ 'Running').Count
        Write-Step ("scale: {0} servers running; the last {1} started in {2:0} ms; settling {3} s" -f $running, ($Count - 10), $startMs, $SettleSeconds)
        Start-Sleep -Seconds $SettleSeconds
        $all = Get-ProcessFigures
        # The marginal cost, from 10 servers to all: the first servers also pay what any use of the module pays once
        # (code compiled, pools grown), and memory freed by earlier parts of the run is reused without growing.
        $mib = 1MB; $added = $Count - 10
        $ws = ($all.WorkingSet - $ten.WorkingSet) / $added / $mib
        $private = ($all.Private - $ten.Private) / $added / $mib
        $managed = ($all.Managed - $ten.Managed) / $added / $mib
        Write-Host ("scale, {0} idle servers ({1} running), per server from 10 to {0}, MiB: working set {2:0.00}  private {3:0.00}  managed heap {4:0.00}" -f
            $Count, $running, $ws, $private, $managed)
        Write-Host ("  from none to {0}, per server MiB: working set {1:0.00}  private {2:0.00}; threads: {3} with none, {4} with 10, {5} with {0}" -f
            $Count, (($all.WorkingSet - $none.WorkingSet) / $Count / $mib), (($all.Private - $none.Private) / $Count / $mib), $none.Threads, $ten.Threads, $all.Threads)
        Write-Target "per idle server ≤ 1 MiB (working set)" ($ws -le 1 -and $running -eq $Count) ('{0:0.00} MiB' -f $ws)
        Write-Target "per idle server ≤ 1 MiB (private bytes)" ($private -le 1 -and $running -eq $Count) ('{0:0.00} MiB' -f $private)
        Write-Target "threads do not grow with servers" ($all.Threads -le $ten.Threads + 4) (
            '{0} at {1} vs {2} at 10; allowed {3}' -f $all.Threads, $Count, $ten.Threads, ($ten.Threads + 4))
    }
    finally {
        $t0 = [Diagnostics.Stopwatch]::GetTimestamp()
        Get-McpServer -Name 'bench-idle-*' | Stop-McpServer -Confirm:$false
        Write-Step ("scale: stopped in {0:0} ms" -f (Get-ElapsedMs $t0))
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}
