using Scaffolder.Catalog;
using Scaffolder.Tests.Support;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>What the loaded catalog answers, and how it refuses a name it does not hold (a bug, never user input).</summary>
public class CatalogTests
{
    private static Catalog.Catalog Catalog => Scenario.Catalog;

    [Fact]
    public void Hosts_are_in_their_manifests_order_and_the_first_is_the_default()
    {
        Catalog.HostNames[0].ShouldBe("docker");
        Catalog.Hosts.Select(host => host.Order).ShouldBeInOrder();
    }

    [Fact]
    public void A_django_line_the_catalog_does_not_list_is_none()
    {
        Catalog.FindLine("5.2").ShouldNotBeNull().Requirement.ShouldStartWith("Django");
        Catalog.FindLine("1.11").ShouldBeNull();
    }

    [Fact]
    public void A_name_the_catalog_does_not_hold_is_an_error_naming_it_and_where_it_is_missing()
    {
        Should.Throw<InvalidOperationException>(() => Catalog.Host("nowhere")).Message.ShouldBe("no host 'nowhere' in templates/hosts/");
        Should.Throw<InvalidOperationException>(() => Catalog.Storage("ftp")).Message.ShouldBe("catalog.toml has no [storages.ftp]");
        Should.Throw<InvalidOperationException>(() => Catalog.Manager("hatch")).Message.ShouldBe("catalog.toml has no [managers.hatch]");
        Should.Throw<InvalidOperationException>(() => Catalog.Database("oracle")).Message.ShouldBe("catalog.toml has no [databases.oracle]");
        Should.Throw<InvalidOperationException>(() => Catalog.Package("celery")).Message.ShouldBe("catalog.toml has no [packages] entry 'celery'");
    }

    [Fact]
    public void Every_host_fact_a_file_may_be_limited_by_is_read_from_its_manifest()
    {
        var fly = Catalog.Host("fly");

        HostInfo.Facts.Select(fact => (fact, fly.Holds(fact))).ShouldBe(
        [
            ("disk_survives_deploy", false), ("offers_volumes", true), ("volume_owned_by_root", true), ("runs_replicas", false),
            ("names_its_domain", true), ("database_service", false), ("reads_python_version", false), ("proxy_header_trusted", true),
        ]);
        Catalog.Host("heroku").Holds("reads_python_version").ShouldBeTrue();
        Catalog.Host("docker").Holds("database_service").ShouldBeTrue();
        Catalog.Hosts.ShouldContain(host => host.Holds("disk_survives_deploy"));
        Catalog.Hosts.ShouldContain(host => host.Holds("runs_replicas"));
    }

    [Fact]
    public void A_fact_host_toml_does_not_have_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Catalog.Host("fly").Holds("reads_python"))
            .Message.ShouldStartWith("not a yes-or-no fact of host.toml");
    }
}
