using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Tests.Config;

public sealed class NamePatternTests
{
    [Theory]
    [InlineData("pg", "pg", true)]
    [InlineData("PG", "pg", true)]
    [InlineData("pg*", "pg-reader", true)]
    [InlineData("p?", "pg", true)]
    [InlineData("[pq]g", "qg", true)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("pg", "pg2", false)]
    [InlineData("pg.x", "pgax", false)]
    [InlineData("a`*", "a*", true)]
    [InlineData("a`*", "ab", false)]
    public void Matches_like_PowerShell_wildcards(string pattern, string name, bool expected) =>
        Assert.Equal(expected, NamePattern.IsMatch(pattern, name));
}
