using System.Text.Json;
using ContainerMcp.Engine.Mcp;

namespace ContainerMcp.Engine.Tests.Mcp;

/// <summary>The elicitation form read from its schema (server-everything's own, abridged) and answers checked against it.</summary>
public sealed class ElicitationFormTests
{
    private static readonly IReadOnlyList<McpElicitationField> Form = ElicitationForm.Parse(JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "name": { "type": "string", "title": "String", "description": "Your full, legal name" },
            "check": { "type": "boolean", "title": "Boolean" },
            "integer": { "type": "integer", "minimum": 1, "maximum": 100, "default": 42 },
            "number": { "type": "number" },
            "friend": { "type": "string", "enum": ["Monica", "Rachel"] },
            "hero": { "type": "string", "oneOf": [{ "const": "hero-1", "title": "Superman" }, { "const": "hero-2", "title": "Green Lantern" }] },
            "fish": { "type": "array", "items": { "anyOf": [{ "const": "fish-1", "title": "Tuna" }, { "const": "fish-2", "title": "Salmon" }] } },
            "pet": { "type": "string", "enum": ["pet-1", "pet-2"], "enumNames": ["Cats", "Dogs"] }
          },
          "required": ["name"]
        }
        """).RootElement);

    [Fact]
    public void Fields_keep_types_choices_and_what_is_required()
    {
        Assert.Equal(["name", "check", "integer", "number", "friend", "hero", "fish", "pet"], Form.Select(f => f.Name));
        Assert.True(Form[0].Required);
        Assert.Equal("Your full, legal name", Form[0].Description);
        Assert.False(Form[1].Required);
        Assert.Equal(("integer", 1.0, 100.0, 42), (Form[2].Type, Form[2].Minimum, Form[2].Maximum, Form[2].Default!.Value.GetInt32()));
        Assert.Equal(["Monica", "Rachel"], Form[4].Choices.Select(c => c.Title));
        Assert.Equal([("hero-1", "Superman"), ("hero-2", "Green Lantern")], Form[5].Choices.Select(c => (c.Value, c.Title)));
        Assert.True(Form[6].Multiple);
        Assert.Equal(["Tuna", "Salmon"], Form[6].Choices.Select(c => c.Title));
        Assert.Equal([("pet-1", "Cats"), ("pet-2", "Dogs")], Form[7].Choices.Select(c => (c.Value, c.Title)));
    }

    [Fact]
    public void Answers_typed_as_text_become_the_form_s_types_and_choices_may_be_given_by_title()
    {
        var (content, problems) = ElicitationForm.Convert(Form, [
            new("NAME", "Ada"), new("check", "yes"), new("integer", "7"), new("number", "2.5"),
            new("hero", "green lantern"), new("fish", new object[] { "Tuna", "fish-2" }), new("pet", "Dogs")]);

        Assert.Empty(problems);
        Assert.Equal("Ada", content["name"].GetString());
        Assert.True(content["check"].GetBoolean());
        Assert.Equal(7, content["integer"].GetInt64());
        Assert.Equal(2.5, content["number"].GetDouble());
        Assert.Equal("hero-2", content["hero"].GetString());
        Assert.Equal(["fish-1", "fish-2"], content["fish"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("pet-2", content["pet"].GetString());
    }

    [Fact]
    public void Each_misfit_is_named_unknown_fields_bad_values_out_of_range_and_a_missing_required_one()
    {
        var (_, problems) = ElicitationForm.Convert(Form, [
            new("shoeSize", 42), new("check", "perhaps"), new("integer", 500), new("friend", "Joey")]);

        Assert.Contains(problems, p => p.StartsWith("'shoeSize' is not a field the server asked for", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'check': 'perhaps' is not true or false", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'integer': 500 is outside 1..100", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'friend': 'Joey' is not one of: Monica, Rachel", StringComparison.Ordinal));
        Assert.Contains("'name' is required.", problems);
    }

    [Fact]
    public void A_request_says_what_it_asks_in_one_line()
    {
        var form = new McpElicitationRequest("s", "form", "Who are you?", Form.Take(2).ToList());
        var url = new McpElicitationRequest("s", "url", "Sign in", [], "https://example.invalid/login");

        Assert.Equal("'Who are you?' (name*, check)", form.Describe());
        Assert.Equal("'Sign in' (open https://example.invalid/login)", url.Describe());
    }
}
