using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Observability;

/// <summary>How a call or lifecycle step ended, as the audit log and the spans name it.</summary>
public static class Outcomes
{
    public const string Success = "success";
    public const string ToolError = "tool-error";
    public const string Timeout = "timeout";
    public const string Filtered = "filtered";
    public const string UnknownTool = "unknown-tool";
    public const string InvalidArguments = "invalid-arguments";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static string Of(Exception error) => error switch
    {
        McpToolRefusedException { Refusal: ToolRefusal.Filtered } => Filtered,
        McpToolRefusedException { Refusal: ToolRefusal.UnknownTool } => UnknownTool,
        McpToolRefusedException => InvalidArguments,
        McpServerTimeoutException or TimeoutException => Timeout,
        OperationCanceledException => Cancelled,
        _ => Failed,
    };
}
