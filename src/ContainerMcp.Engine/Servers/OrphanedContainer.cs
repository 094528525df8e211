namespace ContainerMcp.Engine.Servers;

/// <summary>
/// A container of ours that no live session owns, as its labels and Docker describe it, with <c>Reason</c>:
/// one sentence saying why it is considered orphaned.
/// </summary>
public sealed record OrphanedContainer(
    string Id,
    string Name,        // without Docker's leading slash
    string? ServerName, // from the server label; null when missing
    string Image,
    string State,       // Docker's word: running, exited, created, dead…
    string Status,      // Docker's phrase, e.g. "Exited (0) 3 minutes ago"
    int? OwnerPid,
    string? OwnerHost,
    string? SessionId,
    DateTimeOffset Created,
    string Reason);
