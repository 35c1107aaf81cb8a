using BreachNotify.Parties;

namespace BreachNotify.Tests.Builders;

/// <summary>
/// Builds a directory that is valid as it stands (one service, one commander), so a test adds only what it is about.
/// </summary>
internal sealed class DirectoryBuilder
{
    private ProcessorProfile _processor = new() { Name = "Test Processor", DefaultNoticeLimitHours = 24, ContactEmail = "privacy@processor.example" };
    private readonly List<Service> _services = [new("core", "Core service")];
    private readonly List<DataAsset> _assets = [];
    private readonly List<Customer> _customers = [];
    private readonly List<Subprocessor> _subprocessors = [];
    private readonly List<Commander> _commanders = [new() { Id = "ic-primary", Name = "Primary", Email = "ic@processor.example" }];

    /// <summary>Starts from the shared sample directory.</summary>
    public static DirectoryBuilder FromSample()
    {
        var sample = TestData.SampleDirectory;
        var builder = new DirectoryBuilder { _processor = sample.Processor };
        builder._services.Clear();
        builder._services.AddRange(sample.Services);
        builder._assets.AddRange(sample.Assets);
        builder._customers.AddRange(sample.Customers);
        builder._subprocessors.AddRange(sample.Subprocessors);
        builder._commanders.Clear();
        builder._commanders.AddRange(sample.Commanders);
        return builder;
    }

    public DirectoryBuilder WithProcessor(Func<ProcessorProfile, ProcessorProfile> change)
    {
        _processor = change(_processor);
        return this;
    }

    public DirectoryBuilder WithService(string id, bool optIn = false)
    {
        _services.Add(new Service(id, $"Service {id}", optIn));
        return this;
    }

    public DirectoryBuilder WithAsset(
        string id,
        CustomerScope? scope = null,
        string service = "core",
        bool personalData = true,
        long? recordsPerCustomer = null,
        params string[] aliases)
    {
        _assets.Add(new DataAsset
        {
            Id = id,
            Name = $"Asset {id}",
            Service = service,
            HoldsPersonalData = personalData,
            DataCategories = personalData ? ["contact details"] : [],
            ApproxRecordsPerCustomer = recordsPerCustomer,
            Aliases = aliases.Length == 0 ? [$"{id}.example"] : aliases,
            CustomerScope = scope ?? (personalData ? new CustomerScope { All = true } : new CustomerScope { None = true }),
        });
        return this;
    }

    public DirectoryBuilder WithCustomer(
        string id,
        string[]? regions = null,
        string[]? optIns = null,
        int? noticeLimitHours = null,
        params Contact[] contacts)
    {
        _customers.Add(new Customer
        {
            Id = id,
            Name = $"Customer {id}",
            Regions = regions ?? ["EU"],
            OptIns = optIns ?? [],
            NoticeLimitHours = noticeLimitHours,
            Contacts = contacts.Length == 0 ? [Contact($"privacy@{id}.example")] : contacts,
        });
        return this;
    }

    public DirectoryBuilder WithSubprocessor(string id, string[]? assets = null, string[]? services = null, params Contact[] contacts)
    {
        _subprocessors.Add(new Subprocessor
        {
            Id = id,
            Name = $"Sub-processor {id}",
            Assets = assets ?? [],
            Services = services ?? [],
            Contacts = contacts.Length == 0 ? [Contact($"security@{id}.example")] : contacts,
        });
        return this;
    }

    public DirectoryBuilder WithCommander(string id, string email)
    {
        _commanders.Add(new Commander { Id = id, Name = $"Commander {id}", Email = email });
        return this;
    }

    public DirectoryBuilder WithoutCommanders()
    {
        _commanders.Clear();
        return this;
    }

    public DirectoryBuilder ChangeCustomer(string id, Func<Customer, Customer> change)
    {
        var index = _customers.FindIndex(c => c.Id == id);
        _customers[index] = change(_customers[index]);
        return this;
    }

    public DirectoryBuilder ChangeAsset(string id, Func<DataAsset, DataAsset> change)
    {
        var index = _assets.FindIndex(a => a.Id == id);
        _assets[index] = change(_assets[index]);
        return this;
    }

    public static Contact Contact(string email, string locale = "en") =>
        new() { Name = $"Contact {email}", Email = email, Locale = locale };

    public ProcessorDirectory Build() => new()
    {
        Processor = _processor,
        Services = [.. _services],
        Assets = [.. _assets],
        Customers = [.. _customers],
        Subprocessors = [.. _subprocessors],
        Commanders = [.. _commanders],
    };
}
