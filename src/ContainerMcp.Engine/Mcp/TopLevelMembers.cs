namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// Finds, in a JSON-RPC message fed piece by piece, what its top-level object says about itself — the raw
/// <c>"id"</c> value and whether it has a <c>"method"</c> — in constant memory, wherever the members stand (the
/// TypeScript SDK writes <c>"id"</c> after a result of any size). Used on a message too large to keep: it is read
/// once, as it streams past, and dropped. Not a validator: anything it does not understand leaves <see cref="Id"/> null.
/// </summary>
internal sealed class TopLevelMembers
{
    private const int MaxKeyBytes = 8;
    private const int MaxIdBytes = 128;

    private readonly byte[] _key = new byte[MaxKeyBytes];
    private readonly byte[] _id = new byte[MaxIdBytes];
    private int _keyLength;
    private int _idLength;
    private int _depth;
    private bool _started;
    private bool _notAnObject;
    private bool _inString;
    private bool _escaped;
    private bool _readingKey;
    private bool _expectingKey;
    private bool _capturingId;
    private bool _idUnusable;
    private Member _lastKey;

    private enum Member { Other, Id, Method }

    /// <summary>The id's JSON text (<c>7</c> or <c>"abc"</c>), once its value has ended; null when there is none to use.</summary>
    public byte[]? Id { get; private set; }

    /// <summary>True when the message has a top-level <c>"method"</c>: a request or notification from the server, not an answer.</summary>
    public bool HasMethod { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (_notAnObject) return;
            Step(b);
        }
    }

    private void Step(byte b)
    {
        if (!_started)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') return;
            _started = true;
            if (b != '{') { _notAnObject = true; return; }
            _depth = 1;
            _expectingKey = true;
            return;
        }
        if (_capturingId && !(_depth == 1 && !_inString && b is (byte)',' or (byte)'}')) CaptureId(b);
        if (_inString)
        {
            if (_escaped) _escaped = false;
            else if (b == '\\') _escaped = true;
            else if (b == '"') EndString();
            else if (_readingKey) AppendKey(b);
            return;
        }
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                if (_depth == 1 && _expectingKey) { _readingKey = true; _keyLength = 0; }
                break;
            case (byte)'{' or (byte)'[':
                _depth++;
                if (_capturingId) _idUnusable = true;   // an id is a number or a string, never a structure
                break;
            case (byte)'}' or (byte)']':
                if (_depth == 1) EndId();
                _depth--;
                break;
            case (byte)':' when _depth == 1:
                _expectingKey = false;
                if (_lastKey == Member.Method) HasMethod = true;
                if (_lastKey == Member.Id) { _capturingId = true; _idLength = 0; _idUnusable = false; }
                break;
            case (byte)',' when _depth == 1:
                EndId();
                _expectingKey = true;
                break;
        }
    }

    private void EndString()
    {
        _inString = false;
        if (!_readingKey) return;
        _readingKey = false;
        var key = _key.AsSpan(0, _keyLength);
        _lastKey = key.SequenceEqual("id"u8) ? Member.Id : key.SequenceEqual("method"u8) ? Member.Method : Member.Other;
    }

    private void AppendKey(byte b)
    {
        // A longer key is none of ours: mark it so by overflowing into a length no member name has.
        if (_keyLength < MaxKeyBytes) _key[_keyLength++] = b;
        else _keyLength = MaxKeyBytes;
    }

    private void CaptureId(byte b)
    {
        if (_idLength < MaxIdBytes) _id[_idLength++] = b;
        else _idUnusable = true;
    }

    private void EndId()
    {
        if (!_capturingId) return;
        _capturingId = false;
        var text = _id.AsSpan(0, _idLength).Trim(" \t\r\n"u8);
        Id = _idUnusable || text.IsEmpty || text.SequenceEqual("null"u8) ? null : text.ToArray();
    }
}
