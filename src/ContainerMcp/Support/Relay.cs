namespace ContainerMcp.Support;

/// <summary>An IProgress that reports at once on the reporting thread (Progress&lt;T&gt; would post to a context).</summary>
internal sealed class Relay<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
