using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Parties;

/// <summary>The directory's sub-processor change terms: notice and objection days, the contacts and the services used.</summary>
public sealed class SubprocessorDirectoryTests
{
    [Fact]
    public void FromJson_SampleDirectory_ReadsSubprocessorChangeTerms()
    {
        var directory = TestData.SampleDirectory;

        Assert.Equal(15, directory.Processor.DefaultSubprocessorNoticeDays);
        Assert.Equal(15, directory.Processor.DefaultObjectionDays);
        Assert.Equal(30, directory.Customer("contoso")?.SubprocessorNoticeDays);
        Assert.Equal(30, directory.Customer("contoso")?.ObjectionDays);
        Assert.Equal(10, directory.Customer("woodgrove")?.ObjectionDays);
        Assert.Null(directory.Customer("tailspin")?.SubprocessorNoticeDays);
    }

    [Fact]
    public void FromJson_ProcessorWithoutDays_DefaultsToFifteenAndFifteen()
    {
        var directory = ProcessorDirectory.FromJson("""{ "processor": { "name": "P" } }""");

        Assert.Equal(15, directory.Processor.DefaultSubprocessorNoticeDays);
        Assert.Equal(15, directory.Processor.DefaultObjectionDays);
    }

    [Fact]
    public void SubprocessorChangeContacts_ContactWithTheRoleInRolesList_IsTheOnlyRecipient()
    {
        var contoso = TestData.SampleDirectory.Customer("contoso")!;

        var contact = Assert.Single(contoso.SubprocessorChangeContacts);

        Assert.Equal("privacy@contoso.example", contact.Email);
    }

    [Fact]
    public void SubprocessorChangeContacts_ContactWithTheRoleAsRole_IsChosenOverPrivacy()
    {
        var customer = new Customer
        {
            Id = "acme",
            Name = "Acme",
            Contacts =
            [
                new Contact { Name = "Privacy", Email = "privacy@acme.example", Role = "privacy" },
                new Contact { Name = "Vendor mgmt", Email = "vendors@acme.example", Role = "subprocessor-changes" },
            ],
        };

        Assert.Equal(["vendors@acme.example"], customer.SubprocessorChangeContacts.Select(c => c.Email));
    }

    [Fact]
    public void SubprocessorChangeContacts_NoContactWithTheRole_FallsBackToPrivacyContacts()
    {
        var woodgrove = TestData.SampleDirectory.Customer("woodgrove")!;

        Assert.Equal(["privacy@woodgrove.example"], woodgrove.SubprocessorChangeContacts.Select(c => c.Email));
    }

    [Fact]
    public void Uses_OptInService_OnlyForCustomersWhoOptedIn()
    {
        var directory = TestData.SampleDirectory;
        var aiCoach = directory.Services.Single(s => s.Id == "ai-coach");

        Assert.Equal(["fabrikam", "woodgrove"], directory.Customers.Where(c => c.Uses(aiCoach)).Select(c => c.Id));
    }

    [Fact]
    public void Uses_PlainService_ForEveryCustomerUnlessItListsItsServices()
    {
        var core = new Service("core", "Core");
        var other = new Service("other", "Other");
        var listing = new Customer { Id = "a", Name = "A", Services = ["other"] };
        var unlisted = new Customer { Id = "b", Name = "B" };

        Assert.False(listing.Uses(core));
        Assert.True(listing.Uses(other));
        Assert.True(unlisted.Uses(core));
    }

    [Fact]
    public void CureDays_DefaultToThirty_AreReadFromTheProcessor_AndZeroIsRefusedNamingTheField()
    {
        Assert.Equal(30, ProcessorDirectory.FromJson("""{ "processor": { "name": "P" } }""").Processor.DefaultCureDays);
        Assert.Equal(45, ProcessorDirectory.FromJson("""{ "processor": { "name": "P", "defaultCureDays": 45 } }""").Processor.DefaultCureDays);

        var problems = DirectoryValidator.Validate(new DirectoryBuilder().WithProcessor(p => p with { DefaultCureDays = 0 }).WithCustomer("acme").Build());

        Assert.Contains(problems, p => p.StartsWith("processor.defaultCureDays:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NonPositiveDays_NamesTheField()
    {
        var directory = new DirectoryBuilder()
            .WithProcessor(p => p with { DefaultObjectionDays = 0 })
            .WithCustomer("acme")
            .ChangeCustomer("acme", c => c with { SubprocessorNoticeDays = -1 })
            .Build();

        var problems = DirectoryValidator.Validate(directory);

        Assert.Contains(problems, p => p.StartsWith("processor.defaultObjectionDays:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("customers[acme].subprocessorNoticeDays:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CustomerServicesUnknownOrOptIn_NamesTheService()
    {
        var directory = new DirectoryBuilder()
            .WithService("beta", optIn: true)
            .WithCustomer("acme")
            .ChangeCustomer("acme", c => c with { Services = ["core", "nope", "beta"] })
            .Build();

        var problems = DirectoryValidator.Validate(directory);

        Assert.Equal(2, problems.Count);
        Assert.Contains("customers[acme].services: unknown service 'nope'", problems);
        Assert.Contains(problems, p => p.StartsWith("customers[acme].services: 'beta' is an opt-in service", StringComparison.Ordinal));
    }
}
