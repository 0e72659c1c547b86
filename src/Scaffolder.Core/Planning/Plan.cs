namespace Scaffolder.Planning;

public enum FileAction
{
    /// <summary>The file does not exist; it will be written.</summary>
    Create,
    /// <summary>The file will be rewritten (template changed, merged with the user's edits, or --force).</summary>
    Update,
    Unchanged,
    /// <summary>The file holds the user's content that we cannot take in: it is left as it is.</summary>
    Conflict,
    /// <summary>A file we wrote that the answers no longer need, removed because of --force.</summary>
    Remove,
    /// <summary>A file we wrote that the answers no longer need, kept until --force removes it.</summary>
    Obsolete,
}

/// <summary>What applying will do to one file.</summary>
/// <param name="Before">The file's current text; null when it does not exist.</param>
/// <param name="After">The text it will have (for a conflict: what we would have written; for a removal: empty).</param>
/// <param name="HoldsSecrets">Written owner-only (0600), never printed, never committed.</param>
/// <param name="Note">Why, when the action alone does not say it.</param>
public sealed record PlannedFile(string Path, FileAction Action, string? Before, string After, bool HoldsSecrets, string? Note = null)
{
    /// <summary>For FILE.scaffolder-new: the file whose conflict it is for the user to settle.</summary>
    public string? SideFileOf { get; init; }

    /// <summary>The user changed the file since Scaffolder wrote it.</summary>
    public bool EditedByUser { get; init; }

    /// <summary>A change that only catches the record up with what the user already did (removed an obsolete file).</summary>
    public bool Bookkeeping { get; init; }

    public bool WillWrite => Action is FileAction.Create or FileAction.Update;

    /// <summary>
    /// Applying would change the tree here (or, for a conflict or an obsolete file, the overlay is not current).
    /// A file of secrets is local configuration, never committed, so a fresh clone lacking it is no drift.
    /// </summary>
    public bool IsDrift => Action != FileAction.Unchanged && !HoldsSecrets && !Bookkeeping;
}

/// <param name="Bases">What we rendered for the files we own, kept so that a later apply can merge against it.</param>
public sealed record Plan(string Root, IReadOnlyList<PlannedFile> Files, IReadOnlyList<string> Bases)
{
    public IEnumerable<PlannedFile> Writes => Files.Where(file => file.WillWrite);

    public IEnumerable<PlannedFile> Removals => Files.Where(file => file.Action == FileAction.Remove);

    public IEnumerable<PlannedFile> Conflicts => Files.Where(file => file.Action == FileAction.Conflict);

    public IEnumerable<PlannedFile> Drift => Files.Where(file => file.IsDrift);

    public IEnumerable<PlannedFile> Obsolete => Files.Where(file => file.Action == FileAction.Obsolete);
}
