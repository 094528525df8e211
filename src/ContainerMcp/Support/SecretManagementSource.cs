using System.Security;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// ${secret:Name} through SecretManagement's Get-Secret, when that module is installed. Runs on the pipeline
/// thread (the cmdlet's), because it invokes PowerShell.
/// </summary>
internal sealed class SecretManagementSource(PSCmdlet cmdlet) : ISecretSource
{
    /// <summary>A source when Get-Secret can be found (loading SecretManagement if needed), else null.</summary>
    public static SecretManagementSource? TryCreate(PSCmdlet cmdlet) =>
        cmdlet.InvokeCommand.InvokeScript("[bool](Get-Command -Name Get-Secret -ErrorAction Ignore)") is [{ BaseObject: true }]
            ? new SecretManagementSource(cmdlet)
            : null;

    public string? GetSecret(string name)
    {
        var found = cmdlet.InvokeCommand.InvokeScript("param($Name) Get-Secret -Name $Name -AsPlainText -ErrorAction Ignore", name);
        return found.FirstOrDefault()?.BaseObject switch
        {
            null => null,
            string text => text,
            SecureString secure => new System.Net.NetworkCredential("", secure).Password,
            var other => throw new McpConfigException(
                $"Secret '{name}' is a {other.GetType().Name}; only string secrets can be passed to a server.", key: name),
        };
    }
}
