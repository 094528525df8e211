using ContainerMcp.Support;

namespace ContainerMcp.Module.Tests;

/// <summary>How Import-McpTool names a server's tools, prompts and arguments (pure string work).</summary>
public sealed class ToolCommandNamesTests
{
    [Theory]
    [InlineData("get-sum", "Ev", "Get-EvSum")]
    [InlineData("echo", "Ev", "Invoke-EvEcho")]
    [InlineData("getTinyImage", "Ev", "Get-EvTinyImage")]
    [InlineData("list_items", "Db", "Get-DbItems")]
    [InlineData("delete-file", "Fs", "Remove-FsFile")]
    [InlineData("trigger-long-running-operation", "Ev", "Invoke-EvLongRunningOperation")]
    [InlineData("toggle-simulated-logging", "Ev", "Invoke-EvToggleSimulatedLogging")]
    [InlineData("get", "Ev", "Invoke-EvGet")]   // a verb alone leaves no noun
    [InlineData("read_HTTPServer.log", "", "Read-HTTPServerLog")]
    [InlineData("2fa-code", "X", "Invoke-XN2faCode")]
    [InlineData("?!", "", "Invoke-Tool")]
    public void Tool_names_become_verb_noun(string tool, string prefix, string expected)
    {
        Assert.Equal(expected, ToolCommandNames.ForTool(tool, prefix));
    }

    [Theory]
    [InlineData("completable-prompt", "Get-EvCompletablePrompt")]
    [InlineData("summarize", "Get-EvSummarizePrompt")]
    public void Prompt_names_end_in_Prompt(string prompt, string expected)
    {
        Assert.Equal(expected, ToolCommandNames.ForPrompt(prompt, "Ev"));
    }

    [Fact]
    public void Argument_names_become_unique_PascalCase_parameters_that_clash_with_no_common_parameter()
    {
        Assert.Equal(["MaxResults", "MaxResults2", "VerboseArgument", "AsJobArgument", "Argument", "A"],
            ToolCommandNames.Parameters(["max_results", "maxResults", "verbose", "asJob", "--", "a"]));
    }

    [Fact]
    public void Names_that_clash_are_numbered()
    {
        Assert.Equal(["Get-XSum", "Get-XSum2", "get-xsum3"], ToolCommandNames.Unique(["Get-XSum", "Get-XSum", "get-xsum"]));
    }
}
