using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// ASP.NET Core's data-protection key ring in the product's own storage (one small partition), so antiforgery tokens
/// and protected cookies survive a restart and are read alike by every instance; the default, a folder on the
/// machine, is lost with the instance. The keys are stored as the framework writes them (Azure Storage encrypts at rest).
/// </summary>
public sealed class DataProtectionKeyStore(StorageClients clients) : IXmlRepository
{
    private const string Partition = "keys";
    private const string XmlColumn = "Xml";

    private TableClient Table => clients.DataProtectionKeys;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return [.. Table.Query<TableEntity>(e => e.PartitionKey == Partition).Select(e => XElement.Parse(e.GetString(XmlColumn)))];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // the table is made at start; a request before that finds no key yet
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var row = new TableEntity(Partition, friendlyName) { [XmlColumn] = element.ToString(SaveOptions.DisableFormatting) };
        try
        {
            Table.UpsertEntity(row, TableUpdateMode.Replace);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            Table.CreateIfNotExists();
            Table.UpsertEntity(row, TableUpdateMode.Replace);
        }
    }
}
