namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time; fails saying what it waited for.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {(limit ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
