using System.Security;
using ContainerMcp.Engine.Config;

namespace ContainerMcp.Support;

/// <summary>
/// ${secret:Name} through SecretManagement's Get-Secret, when that module is installed. Runs on the pipeline
/// thread (the cmdlet's), because it invokes PowerShell.
/// </summary>
internal sealed class SecretManagementSource(PSCmdlet cmdlet) : ISecretSource
{
    private bool? _available;

    /// <summary>Whether Get-Secret can be found (loading SecretManagement if needed); looked up once, and only when
    /// a configuration refers to a secret: without the module, the lookup searches every module path, which cost each
    /// piped start about as much as the start itself.</summary>
    public bool IsAvailable => _available ??=
        cmdlet.InvokeCommand.InvokeScript("[bool](Get-Command -Name Get-Secret -ErrorAction Ignore)") is [{ BaseObject: true }];

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
