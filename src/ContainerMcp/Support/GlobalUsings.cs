// What nearly every file of the module uses: PowerShell's API, the module's own support types, and the engine's
// servers (whose type names do not clash with the module's).
global using System.Management.Automation;
global using ContainerMcp.Support;
global using ContainerMcp.Engine.Servers;
