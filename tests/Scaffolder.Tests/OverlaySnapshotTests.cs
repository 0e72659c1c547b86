using System.Text;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>
/// Every rendered file of a scenario, in one readable approved file: a change to a template shows as a diff
/// against Snapshots/OverlaySnapshotTests.Overlay_matches_the_approved_snapshot.SCENARIO.approved.txt.
/// </summary>
public class OverlaySnapshotTests
{
    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Overlay_matches_the_approved_snapshot(string scenarioName)
    {
        var scenario = Scenario.Named(scenarioName);
        using var project = TempProject.From(scenario.Fixture);

        var overlay = scenario.Render(project);

        var flattened = new StringBuilder();
        foreach (var file in overlay.Files.OrderBy(file => file.Path, StringComparer.Ordinal))
            flattened.Append($"=== {file.Path} ({file.Merge.ToString().ToLowerInvariant()}{(file.HoldsSecrets ? ", private" : "")}) ===\n{file.Content}\n");
        flattened.Append($"=== next steps ===\n{overlay.NextSteps}");

        flattened.ToString().ShouldMatchApproved(options => options
            .SubFolder("Snapshots")
            .WithDiscriminator(scenario.Name)
            .NoDiff());
    }
}
