# Dot-sourced by the Pester files: where the built module is, and what the test rig provides.

# The manifest of the module under test: CONTAINERMCP_MODULE_PATH (build.ps1 sets it), else this repository's build.
function Get-ModuleManifest {
    $manifest = $env:CONTAINERMCP_MODULE_PATH
    if (-not $manifest) { $manifest = Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1' }
    if (-not (Test-Path $manifest)) { throw "The module is not built: $manifest is missing. Run: pwsh ./build.ps1" }
    (Resolve-Path $manifest).Path
}

# The rig's CONTAINERMCP_* values: those of .rig/env (tests/rig/up.sh writes it), each overridden by the environment
# (tests/run.sh sources that file), and any the environment has that the file lacks.
function Get-RigValues {
    $rig = @{}
    $envFile = Join-Path $PSScriptRoot '../.rig/env'
    if (Test-Path $envFile) {
        foreach ($line in Get-Content $envFile) {
            if ($line -match "^\s*(?:export\s+)?(CONTAINERMCP_\w+)=['`"]?(.*?)['`"]?\s*$") { $rig[$Matches[1]] = $Matches[2] }
        }
    }
    foreach ($variable in Get-ChildItem Env:CONTAINERMCP_*) { $rig[$variable.Name] = $variable.Value }
    $rig
}
