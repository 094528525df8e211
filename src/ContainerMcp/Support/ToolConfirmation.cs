using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Support;

/// <summary>
/// Whether a tool call goes ahead, decided by the tool's annotations as if each tool were a cmdlet of its own ConfirmImpact:
/// readOnlyHint is None (never asks, and runs under -WhatIf too: it changes nothing), destructiveHint is High (asks under
/// the default $ConfirmPreference), anything else Medium (asks under -Confirm or $ConfirmPreference Medium or Low, and
/// -WhatIf skips it). A binary cmdlet's ConfirmImpact is fixed (Invoke-McpTool's is High), so a Medium tool consults
/// ShouldProcess only when the caller asked for -WhatIf or confirmation. The hints are the server's claims, no guarantee.
/// </summary>
internal static class ToolConfirmation
{
    public static ConfirmImpact ImpactOf(McpToolHints? hints) => hints switch
    {
        { ReadOnly: true } => ConfirmImpact.None,
        { Destructive: true } => ConfirmImpact.High,
        _ => ConfirmImpact.Medium,
    };

    /// <summary>True when the call may go ahead; false when -WhatIf reported it or the user said no.</summary>
    public static bool ShouldCall(PSCmdlet cmdlet, string serverName, string toolName, McpToolHints? hints, IEnumerable<string> argumentNames)
    {
        var impact = ImpactOf(hints);
        if (impact == ConfirmImpact.None || (impact == ConfirmImpact.Medium && !Asked(cmdlet))) return true;
        var names = string.Join(", ", argumentNames);
        return cmdlet.ShouldProcess($"tool '{toolName}' of MCP server '{serverName}'" + (names.Length > 0 ? $" with arguments {names}" : ""),
            impact == ConfirmImpact.High ? "Call destructive tool" : "Call tool");
    }

    /// <summary>-WhatIf or confirmation asked for, by parameter or by preference (a function called with -WhatIf sets
    /// $WhatIfPreference for what it calls).</summary>
    private static bool Asked(PSCmdlet cmdlet)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        if (bound.TryGetValue("WhatIf", out var whatIf) ? ((SwitchParameter)whatIf).IsPresent : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference")))
            return true;
        if (bound.TryGetValue("Confirm", out var confirm)) return ((SwitchParameter)confirm).IsPresent;
        return LanguagePrimitives.TryConvertTo<ConfirmImpact>(cmdlet.GetVariableValue("ConfirmPreference"), out var preference)
            && preference is not ConfirmImpact.None && preference <= ConfirmImpact.Medium;
    }
}
