namespace ContainerMcp.Cmdlets;

/// <summary>
/// Sets the session's handlers of what servers ask of their client: -Elicitation answers elicitation requests no
/// -ElicitationResponse answered (return field values, @{ action = 'decline' }, or nothing to fall through to a prompt);
/// -Sampling answers sampling requests (return the text, or @{ content; model; role }). $null removes one. They run on
/// the pipeline thread of the command at work with the server, with the request as $_ and as the first argument.
/// </summary>
[Cmdlet(VerbsCommon.Set, "McpClientHandler")]
public sealed class SetMcpClientHandlerCommand : McpCmdlet
{
    [Parameter, AllowNull] public ScriptBlock? Elicitation { get; set; }

    [Parameter, AllowNull] public ScriptBlock? Sampling { get; set; }

    protected override void EndProcessing()
    {
        var host = PowerShellClientHost.Instance;
        _ = Registry;   // installs the host before a server starts
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Elicitation))) host.ElicitationHandler = Elicitation;
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Sampling))) host.SamplingHandler = Sampling;
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(Elicitation)) && !MyInvocation.BoundParameters.ContainsKey(nameof(Sampling)))
            Output.WriteError(McpErrors.Argument("Say which handler to set: -Elicitation { ... }, -Sampling { ... } (or $null to remove one).",
                "HandlerNotGiven", null));
    }
}
