using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Parties;

/// <summary>The directory's terms for the other notices: subjects' email domains and the forward clock.</summary>
public sealed class MatterDirectoryTests
{
    [Fact]
    public void FromJson_SampleDirectory_ReadsSubjectDomainsAndForwardHours()
    {
        var directory = TestData.SampleDirectory;

        Assert.Equal(["contoso.example", "shared-talent.example"], directory.Customer("contoso")!.SubjectIdentifierDomains);
        Assert.Equal(24, directory.Customer("woodgrove")!.DataSubjectRequestForwardHours);
        Assert.Null(directory.Customer("contoso")!.DataSubjectRequestForwardHours);
        Assert.Empty(directory.Customer("tailspin")!.SubjectIdentifierDomains);
    }

    [Fact]
    public void FromJson_ProcessorWithoutHours_Defaults48ForwardAnd24ForTheOthers()
    {
        var directory = ProcessorDirectory.FromJson("""{ "processor": { "name": "P" } }""");

        Assert.Equal(48, directory.Processor.DefaultDataSubjectRequestForwardHours);
        Assert.Equal(24, directory.Processor.DefaultMatterNoticeHours);
    }

    [Theory]
    [InlineData("@example.com")]
    [InlineData("example")]
    [InlineData("jane@example.com")]
    [InlineData(" ")]
    [InlineData("exa mple.com")]
    public void Validate_SubjectDomainThatIsNotADomain_IsAProblemNamingTheCustomer(string domain)
    {
        var directory = new DirectoryBuilder().WithCustomer("acme").Build();
        directory = directory with { Customers = [directory.Customers[0] with { SubjectIdentifierDomains = [domain] }] };

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.StartsWith("customers[acme].subjectIdentifierDomains:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroForwardHours_IsAProblem()
    {
        var directory = new DirectoryBuilder().WithCustomer("acme").WithProcessor(p => p with { DefaultMatterNoticeHours = 0 }).Build();
        directory = directory with { Customers = [directory.Customers[0] with { DataSubjectRequestForwardHours = 0 }] };

        Assert.Equal(
            ["processor.defaultMatterNoticeHours: must be a positive number of hours (at most a year)", "customers[acme].dataSubjectRequestForwardHours: must be a positive number of hours (at most a year)"],
            DirectoryValidator.Validate(directory));
    }
}
