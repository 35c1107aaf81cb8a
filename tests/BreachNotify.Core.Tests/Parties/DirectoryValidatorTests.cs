using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Parties;

public sealed class DirectoryValidatorTests
{
    [Fact]
    public void Validate_SampleDirectory_HasNoProblems()
    {
        Assert.Empty(DirectoryValidator.Validate(TestData.SampleDirectory));
    }

    [Fact]
    public void Validate_BuilderDefaults_HaveNoProblems()
    {
        var directory = new DirectoryBuilder().WithAsset("db").WithCustomer("acme").WithSubprocessor("host", assets: ["db"]).Build();

        Assert.Empty(DirectoryValidator.Validate(directory));
    }

    [Fact]
    public void FromJson_SampleDirectory_ReadsEveryPart()
    {
        var directory = TestData.SampleDirectory;

        Assert.Equal("Northwind Talent Cloud", directory.Processor.Name);
        Assert.Equal(24, directory.Processor.DefaultNoticeLimitHours);
        Assert.True(directory.Services.Single(s => s.Id == "ai-coach").OptIn);
        Assert.Equal("ai-coach", directory.Assets.Single(a => a.Id == "ai-coach-gateway").CustomerScope.OptedInto);
        Assert.True(directory.Assets.Single(a => a.Id == "vpn-gateway").CustomerScope.None);
        Assert.Null(directory.Customer("tailspin")?.NoticeLimitHours);
        Assert.Equal("de-DE", directory.Customer("contoso")?.Contacts[0].Locale);
        Assert.Equal(["ic-primary", "ic-backup"], directory.Commanders.Select(c => c.Id));
    }

    [Fact]
    public void Validate_DuplicateCustomerId_NamesTheId()
    {
        var directory = DirectoryBuilder.FromSample().WithCustomer("contoso").Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.StartsWith("customers[contoso]", problem, StringComparison.Ordinal);
        Assert.Contains("used twice", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateAssetId_NamesTheId()
    {
        var directory = new DirectoryBuilder().WithCustomer("acme").WithAsset("db", aliases: "a.example").WithAsset("db", aliases: "b.example").Build();

        Assert.Contains(DirectoryValidator.Validate(directory), p => p.StartsWith("assets[db]: the id is used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OptedIntoUnknownService_NamesTheAssetAndTheService()
    {
        var directory = DirectoryBuilder.FromSample()
            .ChangeAsset("ai-coach-gateway", a => a with { CustomerScope = new CustomerScope { OptedInto = "ai-coch" } })
            .Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.StartsWith("assets[ai-coach-gateway].customerScope.optedInto", problem, StringComparison.Ordinal);
        Assert.Contains("'ai-coch'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CustomerOptInToUnknownService_NamesTheCustomer()
    {
        var directory = DirectoryBuilder.FromSample().ChangeCustomer("fabrikam", c => c with { OptIns = ["ai-coach", "nope"] }).Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.Equal("customers[fabrikam].optIns: unknown service 'nope'", problem);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("Privacy Office <privacy@contoso.example>")]
    public void Validate_BadContactEmail_NamesTheCustomerAndTheContactIndex(string email)
    {
        var directory = DirectoryBuilder.FromSample()
            .ChangeCustomer("contoso", c => c with { Contacts = [c.Contacts[0] with { Email = email }, c.Contacts[1]] })
            .Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.Contains("customers[contoso].contacts[0].email", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSubprocessorContactEmail_NamesTheSubprocessor()
    {
        var directory = new DirectoryBuilder().WithSubprocessor("host", null, null, DirectoryBuilder.Contact("a@b.example"), DirectoryBuilder.Contact("broken")).Build();

        Assert.Contains(DirectoryValidator.Validate(directory), p => p.StartsWith("subprocessors[host].contacts[1].email", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AliasSharedByTwoAssets_NamesTheSecondAssetTheAliasAndTheFirstOwner()
    {
        var directory = new DirectoryBuilder()
            .WithCustomer("acme")
            .WithAsset("db-a", aliases: "shared.example")
            .WithAsset("db-b", aliases: "SHARED.example")
            .Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.StartsWith("assets[db-b].aliases", problem, StringComparison.Ordinal);
        Assert.Contains("'db-a'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PersonalDataAssetWithScopeNone_NamesTheAsset()
    {
        var directory = new DirectoryBuilder().WithCustomer("acme").WithAsset("db", new CustomerScope { None = true }).Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.StartsWith("assets[db].customerScope", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoCommanders_SaysOneIsNeeded()
    {
        var directory = DirectoryBuilder.FromSample().WithoutCommanders().Build();

        var problem = Assert.Single(DirectoryValidator.Validate(directory));

        Assert.StartsWith("commanders:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonPositiveNoticeLimit_NamesTheCustomer()
    {
        var directory = DirectoryBuilder.FromSample().ChangeCustomer("woodgrove", c => c with { NoticeLimitHours = 0 }).Build();

        Assert.Equal(["customers[woodgrove].noticeLimitHours: must be a positive number of hours"], DirectoryValidator.Validate(directory));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var directory = DirectoryBuilder.FromSample()
            .WithoutCommanders()
            .ChangeCustomer("tailspin", c => c with { Contacts = [] })
            .ChangeAsset("sql-prod-us", a => a with { CustomerScope = new CustomerScope { Ids = ["globex"] } })
            .Build();

        var problems = DirectoryValidator.Validate(directory);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("customers[tailspin].contacts", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "assets[sql-prod-us].customerScope.ids: unknown customer 'globex'");
        Assert.Contains(problems, p => p.StartsWith("commanders:", StringComparison.Ordinal));
    }
}
