using System.Collections;
using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Tests.Mcp;

public sealed class ToolInputSchemaTests
{
    private static readonly McpToolInfo Query = Tool("""
        { "type": "object", "required": ["sql"],
          "properties": { "sql": { "type": "string" }, "limit": { "type": "integer" }, "ratio": { "type": ["number", "null"] },
                          "flags": { "type": "array" }, "options": { "type": "object" }, "dry": { "type": "boolean" } } }
        """);

    [Fact]
    public void Arguments_that_fit_have_no_problems()
    {
        var problems = Check(Query, ("sql", "select 1"), ("limit", 10L), ("ratio", null), ("flags", new[] { "a" }),
            ("options", new Hashtable { ["x"] = 1 }), ("dry", true));

        Assert.Empty(problems);
    }

    [Fact]
    public void A_whole_number_given_as_a_double_is_an_integer()
    {
        Assert.Empty(Check(Query, ("sql", "s"), ("limit", 3.0)));
        Assert.Contains("must be integer, but a number was given", Assert.Single(Check(Query, ("sql", "s"), ("limit", 3.5))));
    }

    [Fact]
    public void A_missing_required_argument_is_named()
    {
        Assert.Equal(["Argument 'sql' is required by tool 'query' but was not given."], Check(Query, ("limit", 1)));
    }

    [Fact]
    public void An_unknown_argument_is_refused_listing_what_the_tool_takes()
    {
        var problem = Assert.Single(Check(Query, ("sql", "s"), ("sqll", "typo")));

        Assert.StartsWith("Argument 'sqll' is not accepted by tool 'query'. It takes: sql, limit, ratio", problem);
    }

    [Fact]
    public void An_unknown_argument_passes_when_the_schema_allows_additional_properties()
    {
        var open = Tool("""{ "type": "object", "properties": { "a": { "type": "string" } }, "additionalProperties": true }""");

        Assert.Empty(Check(open, ("a", "x"), ("b", 1)));
    }

    [Fact]
    public void A_mistyped_argument_names_the_type_wanted_and_the_one_given()
    {
        var problems = Check(Query, ("sql", new Hashtable()), ("dry", "yes"));

        Assert.Equal([
            "Argument 'sql' of tool 'query' must be string, but an object was given.",
            "Argument 'dry' of tool 'query' must be boolean, but a string was given.",
        ], problems);
    }

    [Fact]
    public void A_value_that_cannot_be_json_is_a_problem_too()
    {
        Assert.Contains("'sql'", Assert.Single(Check(Query, ("sql", (Action)(() => { })))));
    }

    private static McpToolInfo Tool(string schema) =>
        new("s", "query", null, null, JsonDocument.Parse(schema).RootElement.Clone(), null, new McpToolHints(null, null, null, null));

    private static IReadOnlyList<string> Check(McpToolInfo tool, params (string Name, object? Value)[] arguments) =>
        ToolInputSchema.Check(tool, ToolArguments.From(arguments.Select(a => new KeyValuePair<string, object?>(a.Name, a.Value))));
}
