namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time; fails saying what it waited for.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? limit = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, limit);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {(limit ?? DefaultLimit).TotalSeconds:0} s waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
