namespace ContainerMcp.Engine.Config;

/// <summary>The strategies' names as files and cmdlets write them: always-on, on-demand, pre-warmed.</summary>
public static class LifecycleStrategyNames
{
    /// <summary>Exact names (case-sensitive); readers that accept other spellings normalise first.</summary>
    public static IReadOnlyDictionary<string, LifecycleStrategy> ByName { get; } = new Dictionary<string, LifecycleStrategy>(StringComparer.Ordinal)
    {
        ["always-on"] = LifecycleStrategy.AlwaysOn,
        ["on-demand"] = LifecycleStrategy.OnDemand,
        ["pre-warmed"] = LifecycleStrategy.PreWarmed,
    };

    public static string Name(this LifecycleStrategy strategy) => strategy switch
    {
        LifecycleStrategy.AlwaysOn => "always-on",
        LifecycleStrategy.OnDemand => "on-demand",
        LifecycleStrategy.PreWarmed => "pre-warmed",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown lifecycle strategy."),
    };
}
