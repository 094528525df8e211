using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Tests.Mcp;

/// <summary>The output-schema subset: pure JSON walking, so plain unit tests; the real server case is in Pester.</summary>
public sealed class ToolOutputSchemaTests
{
    private static McpToolInfo Tool(string? outputSchema) => new("srv", "weather", null, null, JsonDocument.Parse("{}").RootElement,
        outputSchema is null ? null : JsonDocument.Parse(outputSchema).RootElement, new McpToolHints(null, null, null, null));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private const string Weather = """
        { "type": "object", "required": ["temperature", "conditions"], "additionalProperties": false,
          "properties": { "temperature": { "type": "number" }, "conditions": { "type": "string", "enum": ["sunny", "rain"] },
                          "hours": { "type": "array", "items": { "type": "integer" } } } }
        """;

    [Fact]
    public void Matching_content_has_no_problems()
    {
        Assert.Empty(ToolOutputSchema.Check(Tool(Weather), Json("""{ "temperature": 21.5, "conditions": "sunny", "hours": [1, 2] }""")));
    }

    [Fact]
    public void Each_mismatch_is_named_by_its_json_path()
    {
        var problems = ToolOutputSchema.Check(Tool(Weather), Json("""{ "temperature": "hot", "conditions": "snow", "hours": [1, "x"], "extra": 1 }"""));

        Assert.Equal([
            "$.temperature must be number, but is a string",
            "$.conditions must be one of \"sunny\", \"rain\", but is \"snow\"",
            "$.hours[1] must be integer, but is a string",
            "$.extra is not allowed (additionalProperties is false)",
        ], problems);
    }

    [Fact]
    public void A_missing_required_property_is_a_problem()
    {
        Assert.Equal(["$.conditions is required but missing"], ToolOutputSchema.Check(Tool(Weather), Json("""{ "temperature": 3 }""")));
    }

    [Fact]
    public void A_tool_with_an_output_schema_must_return_structured_content()
    {
        Assert.Contains("no structuredContent", Assert.Single(ToolOutputSchema.Check(Tool(Weather), null)));
    }

    [Fact]
    public void A_tool_without_an_output_schema_is_not_checked()
    {
        Assert.Empty(ToolOutputSchema.Check(Tool(null), Json("""{ "anything": 1 }""")));
        Assert.Empty(ToolOutputSchema.Check(Tool(null), null));
    }
}
