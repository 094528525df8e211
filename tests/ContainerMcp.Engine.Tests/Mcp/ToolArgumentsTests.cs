using System.Collections;
using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Tests.Mcp;

public sealed class ToolArgumentsTests
{
    [Fact]
    public void Nested_hashtables_and_lists_become_json_objects_and_arrays()
    {
        var args = ToolArguments.From([
            new("filter", new Hashtable { ["name"] = "alpha", ["ids"] = new object[] { 1, 2 } }),
            new("limit", 5),
        ]);

        Assert.Empty(args.Problems);
        var filter = (JsonElement)args.Json["filter"]!;
        Assert.Equal("alpha", filter.GetProperty("name").GetString());
        Assert.Equal([1, 2], filter.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(5, ((JsonElement)args.Json["limit"]!).GetInt32());
    }

    [Fact]
    public void Value_that_cannot_be_json_is_a_problem_naming_the_argument()
    {
        var args = ToolArguments.From([new("callback", (Action)(() => { })), new("ok", 1)]);

        Assert.Contains("'callback'", Assert.Single(args.Problems));
        Assert.Equal(["callback", "ok"], args.Json.Keys.Order());
    }
}
