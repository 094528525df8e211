<#
    Starts a child PowerShell the way the current one was started. Dot-source it: . "$PSScriptRoot/PwshProcess.ps1"

    A native pwsh is its own executable; a PowerShell installed as a dotnet tool runs as `dotnet …/pwsh.dll`, so its
    process path is dotnet, and `& (Get-Process -Id $PID).Path -NoProfile` would hand -NoProfile to dotnet.
#>

# The program and the leading arguments that start a PowerShell like this one.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    $name = [IO.Path]::GetFileNameWithoutExtension($process)
    if ($name -like 'pwsh*') { return , @($process) }
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ($name -eq 'dotnet' -and (Test-Path $dll)) { return , @($process, $dll) }
    # Some other host (an application embedding PowerShell): the pwsh beside its files, if any.
    $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path $native) { return , @($native) }
    throw "Cannot tell how to start PowerShell from this process ($process, PSHOME $PSHOME): no pwsh or pwsh.dll in PSHOME."
}

<#
    Runs a child PowerShell with -NoProfile -NonInteractive and the given arguments; returns its output (stderr merged
    in) and leaves its exit code in $LASTEXITCODE. -Environment sets variables for the child only ($null removes one).
#>
function Invoke-Pwsh {
    param(
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [hashtable] $Environment = @{}
    )
    $command = Get-PwshCommand
    $leading = @($command | Select-Object -Skip 1)
    $saved = @{}
    foreach ($key in $Environment.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        [Environment]::SetEnvironmentVariable($key, $Environment[$key])
    }
    try {
        & $command[0] @leading -NoProfile -NonInteractive @ArgumentList 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}
