namespace ContainerMcp.Engine.Observability;

/// <summary>An error that names its own outcome (a refused call, a timeout), so this folder need not know its type.</summary>
public interface IHasOutcome
{
    string Outcome { get; }
}

/// <summary>How a call or lifecycle step ended, as the audit log and the spans name it.</summary>
public static class Outcomes
{
    public const string Success = "success";
    public const string ToolError = "tool-error";
    public const string Timeout = "timeout";
    public const string Filtered = "filtered";
    public const string UnknownTool = "unknown-tool";
    public const string InvalidArguments = "invalid-arguments";
    public const string InvalidOutput = "invalid-output";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static string Of(Exception error) => error switch
    {
        IHasOutcome known => known.Outcome,
        TimeoutException => Timeout,
        OperationCanceledException => Cancelled,
        _ => Failed,
    };
}
