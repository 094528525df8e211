using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// Turns configuration text into its one root node. Besides syntax errors it reports what the
/// representation model cannot: <see cref="YamlStream"/> stops at a duplicate key without saying where
/// in the file's structure it sits, and accepts several documents where a configuration file is one.
/// </summary>
internal static class YamlDocumentLoader
{
    /// <returns>The root node, or null when the file holds nothing but comments and blank lines.</returns>
    public static YamlNode? LoadRoot(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            RejectDuplicateKeys(yaml, file);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw YamlMappingReader.Fail(file, ex.Start.Line, null, $"not valid YAML: {ex.Message}", ex);
        }

        // A trailing '---' opens an empty document; only documents with content count.
        var documents = stream.Documents.Where(d => !YamlMappingReader.IsNull(d.RootNode)).ToList();
        if (documents.Count > 1)
        {
            throw YamlMappingReader.Fail(file, documents[1].RootNode.Start.Line, null,
                "a second YAML document starts here, but a configuration file holds one: list every server under 'servers:'");
        }
        return documents.Count == 1 ? documents[0].RootNode : null;
    }

    /// <summary>Walks the parser's events, keeping the key path of each open mapping and sequence.</summary>
    private static void RejectDuplicateKeys(string yaml, string file)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<OpenNode>();
        while (NextEvent(parser, file))
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    open.Clear();
                    break;
                case MappingStart or SequenceStart:
                    open.Push(new OpenNode(Enter(open, parser.Current, file), isMapping: parser.Current is MappingStart));
                    break;
                case Scalar or AnchorAlias:
                    Enter(open, parser.Current, file);
                    Completed(open);
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    Completed(open);
                    break;
            }
        }
    }

    private static bool NextEvent(Parser parser, string file)
    {
        var lastLine = parser.Current?.End.Line ?? 1;
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner fails this way, not with a YamlException, on some unclosed brackets
            // ("image: [b" followed by "key: value"); the last place it read is the closest we know.
            throw YamlMappingReader.Fail(file, lastLine, null, "not valid YAML after this line: look for an unclosed bracket or quote", ex);
        }
    }

    /// <summary>The key path of the node that starts here; a mapping key is checked against the keys before it.</summary>
    private static string Enter(Stack<OpenNode> open, ParsingEvent node, string file)
    {
        if (!open.TryPeek(out var parent))
            return "";
        if (!parent.IsMapping)
            return $"{parent.Path}[{parent.Completed}]";
        if (parent.AwaitingValue)
            return Join(parent.Path, parent.CurrentKey);

        // Keys that are not plain text (a mapping used as a key) are left for the reader to reject.
        parent.CurrentKey = node is Scalar key ? key.Value : "?";
        var path = Join(parent.Path, parent.CurrentKey);
        if (node is Scalar && !parent.KeyLines.TryAdd(parent.CurrentKey, node.Start.Line))
        {
            throw YamlMappingReader.Fail(file, node.Start.Line, path,
                $"{path} is set twice in one mapping (first at line {parent.KeyLines[parent.CurrentKey]}): keep one");
        }
        return path;
    }

    private static void Completed(Stack<OpenNode> open)
    {
        if (open.TryPeek(out var parent))
            parent.Advance();
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private sealed class OpenNode(string path, bool isMapping)
    {
        public string Path { get; } = path;
        public bool IsMapping { get; } = isMapping;
        public Dictionary<string, long> KeyLines { get; } = new(StringComparer.Ordinal);
        public string CurrentKey { get; set; } = "";

        /// <summary>In a mapping: the key is read and its value comes next.</summary>
        public bool AwaitingValue { get; private set; }

        /// <summary>In a sequence: how many items are done, which is the index of the next.</summary>
        public int Completed { get; private set; }

        public void Advance()
        {
            if (IsMapping)
                AwaitingValue = !AwaitingValue;
            else
                Completed++;
        }
    }
}
