using Scaffolder.Answers;

namespace Scaffolder.Dependencies;

/// <summary>Which dependency manager the project's files point to: a lock file decides; otherwise one manager's files.</summary>
/// <param name="Decided">The manager the files settle on, or null when they point to several (to be asked).</param>
/// <param name="Why">What settled it, for the user: the file found, or that none was.</param>
/// <param name="Candidates">The managers the files point to, strongest evidence first.</param>
public sealed record ManagerChoice(PackageManager? Decided, string Why, IReadOnlyList<ManagerEvidence> Candidates)
{
    /// <param name="flag">How the user names the choice, for the error that asks for it (<c>--packages</c>).</param>
    public static ManagerChoice From(ProjectDependencies dependencies, string flag = "--packages")
    {
        var locks = dependencies.Found.Where(evidence => evidence.Locked).ToList();
        if (locks.Select(evidence => evidence.Manager).Distinct().Count() > 1)
        {
            var names = locks.Select(evidence => ChoiceNames.Name(evidence.Manager)).ToList();
            throw new UserError(
                $"{string.Join(" and ", locks.Select(evidence => evidence.File))} are both here: the lock files of two dependency managers; "
                + $"pass {flag} {string.Join('|', names)} to say which one manages the project (and delete the other's lock)");
        }
        if (locks.Count == 1)
            return new ManagerChoice(locks[0].Manager, $"found {locks[0].File}", locks);

        var candidates = dependencies.Found;
        return candidates.Count switch
        {
            0 => new ManagerChoice(PackageManager.Pip, "no dependency manager's files found: requirements.txt is written", []),
            1 => new ManagerChoice(candidates[0].Manager, $"found {candidates[0].File}", candidates),
            _ => new ManagerChoice(null, $"found {string.Join(" and ", candidates.Select(evidence => evidence.File))}", candidates),
        };
    }
}
