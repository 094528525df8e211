using System.Text;
using ContainerMcp.Engine.Docker;

namespace ContainerMcp.Engine.Tests.Docker;

public sealed class LogLineSplitterTests
{
    [Fact]
    public void Lines_and_characters_split_across_chunks_are_joined_per_stream()
    {
        var splitter = new LogLineSplitter();
        var accented = Encoding.UTF8.GetBytes("café\n");

        splitter.Append(ContainerStream.Stdout, "hel"u8);
        splitter.Append(ContainerStream.Stderr, "oops\n"u8);
        splitter.Append(ContainerStream.Stdout, "lo\r\n"u8);
        splitter.Append(ContainerStream.Stdout, accented.AsSpan(0, 4));
        splitter.Append(ContainerStream.Stdout, accented.AsSpan(4));
        splitter.Append(ContainerStream.Stdout, "tail"u8);

        Assert.Equal(
            [
                new(ContainerStream.Stderr, "oops"),
                new(ContainerStream.Stdout, "hello"),
                new(ContainerStream.Stdout, "café"),
                new(ContainerStream.Stdout, "tail"),
            ],
            splitter.Complete());
    }
}
