using Scaffolder.Rendering;
using Shouldly;

namespace Scaffolder.Tests;

/// <summary>Names for platforms, Kubernetes and databases, made from the project's package.</summary>
public class SlugTests
{
    [Theory]
    [InlineData("mysite", '-', "mysite")]
    [InlineData("My_Site2", '-', "my-site2")]
    [InlineData("My_Site2", '_', "my_site2")]
    [InlineData("_private__site_", '-', "private-site")]
    [InlineData("_2fast", '-', "app-2fast")]
    [InlineData("café", '-', "caf")]
    [InlineData("__", '_', "app")]
    public void A_slug_is_lower_case_letters_digits_and_single_separators_starting_with_a_letter(string package, char separator, string slug)
    {
        Slug.Of(package, separator).ShouldBe(slug);
    }
}
