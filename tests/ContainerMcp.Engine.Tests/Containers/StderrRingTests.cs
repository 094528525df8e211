using System.Text;
using ContainerMcp.Engine.Containers;

namespace ContainerMcp.Engine.Tests.Containers;

public sealed class StderrRingTests
{
    [Fact]
    public void Keeps_only_the_last_lines_up_to_its_capacity()
    {
        var ring = new StderrRing(capacity: 3);
        for (int i = 1; i <= 5; i++) ring.Append(Encoding.UTF8.GetBytes($"line {i}\n"));

        Assert.Equal(["line 3", "line 4", "line 5"], ring.Tail());
        Assert.Equal(["line 5"], ring.Tail(1));
    }

    [Fact]
    public void Multibyte_characters_split_between_appends_decode_whole()
    {
        var ring = new StderrRing();
        var bytes = Encoding.UTF8.GetBytes("héllo ✓\r\n");
        foreach (var b in bytes) ring.Append([b]);

        Assert.Equal(["héllo ✓"], ring.Tail());
    }

    [Fact]
    public void One_huge_line_is_cut_to_the_maximum_length()
    {
        var ring = new StderrRing();
        ring.Append(Encoding.UTF8.GetBytes(new string('z', StderrRing.MaxLineLength * 3) + "\n"));

        Assert.Equal(StderrRing.MaxLineLength, ring.Tail().Single().Length);
    }
}
