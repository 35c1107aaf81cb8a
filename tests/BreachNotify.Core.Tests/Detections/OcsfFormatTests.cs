using BreachNotify.Detections;
using BreachNotify.Detections.Formats;

namespace BreachNotify.Tests.Detections;

public sealed class OcsfFormatTests
{
    private readonly OcsfFormat _format = new();

    [Fact]
    public void Parse_DetectionFinding_ReadsIdTitleTimesSeverityAndBreachOpinion()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("ocsf-detection-finding-exfil.json"));

        Assert.Equal("ocsf", detection.Format);
        Assert.Equal("det-7f3a9c21", detection.SourceId);
        Assert.Equal("Possible data exfiltration from sqlprod-eu-01", detection.Title);
        Assert.Equal("Large outbound transfer from production database to unknown host", detection.Description);
        Assert.Equal(Fixtures.Ms(1795000000000), detection.DetectedAt);
        Assert.Equal(DetectionSeverity.Critical, detection.Severity);
        Assert.Equal("New", detection.SourceStatus);
        Assert.True(detection.SuspectedBreach);
        Assert.Equal(Fixtures.Ms(1794996400000).ToString("O"), detection.Evidence("first_seen_time"));
    }

    [Fact]
    public void Parse_DetectionFinding_NamesResourceUidHostNameAndBothEndpointIpsAsAssets()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("ocsf-detection-finding-exfil.json"));

        Assert.Equal(
            [
                "/subscriptions/0000/resourceGroups/prod-eu/providers/Microsoft.Sql/servers/sqlprod-eu-01",
                "sqlprod-eu-01.database.windows.net",
                "10.20.1.15",
                "198.51.100.77",
            ],
            detection.AssetRefs);
        Assert.Equal("10.20.1.15", detection.Evidence("src_endpoint.ip"));
        Assert.Equal("198.51.100.77", detection.Evidence("dst_endpoint.ip"));
        Assert.Equal("ntc-prod", detection.Evidence("metadata.tenant_uid"));
    }

    [Fact]
    public void Parse_DetectionFinding_CategoriesHoldTypesTacticNameAndIdAndTechnique()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("ocsf-detection-finding-exfil.json"));

        Assert.Equal(["Exfiltration", "TA0010", "Data Loss", "Exfiltration Over Alternative Protocol", "T1048"], detection.Categories);
    }

    [Fact]
    public void Parse_IncidentFinding_UsesFirstFindingUidAsStableIdAndEarliestFindingAsDetectedAt()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("ocsf-incident-finding-ransomware.json"));

        Assert.Equal("fnd-ransom-0001", detection.SourceId);
        Assert.Equal("Ransomware incident on exports file server", detection.Title);
        Assert.Equal("Two correlated findings: mass file encryption and shadow copy deletion on files-01.", detection.Description);
        Assert.Equal(Fixtures.Ms(1794991000000), detection.DetectedAt);
        Assert.Equal(DetectionSeverity.High, detection.Severity);
        Assert.Equal("In Progress", detection.SourceStatus);
        Assert.True(detection.SuspectedBreach);
        Assert.Equal(["fnd-ransom-0001", "fnd-ransom-0002"], detection.Evidence.Where(e => e.Name == "finding.uid").Select(e => e.Value));
    }

    [Fact]
    public void Parse_IncidentFinding_CollectsTacticsAndTechniquesOfEveryFindingAndDeviceAssets()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("ocsf-incident-finding-ransomware.json"));

        Assert.Equal(["Ransomware", "Impact", "TA0040", "Data Encrypted for Impact", "T1486", "Inhibit System Recovery", "T1490"], detection.Categories);
        Assert.Equal(["10.20.4.11", "files-01", "files-01.ntc.internal"], detection.AssetRefs);
        Assert.Equal("/srv/exports/fabrikam/q3.csv.locked", detection.Evidence("file.path"));
    }

    [Fact]
    public void Parse_IncidentFinding_WithTopLevelUid_PrefersItOverTheFirstFinding()
    {
        var item = Fixtures.Json("""
            { "class_uid": 2005, "uid": "inc-42", "time": 1795000000000, "message": "Incident",
              "finding_info_list": [ { "uid": "f-1" } ] }
            """);

        Assert.Equal("inc-42", Fixtures.Single(_format, item).SourceId);
    }

    [Fact]
    public void Parse_IncidentFinding_IgnoresMetadataUidBecauseItChangesWithEveryUpdate()
    {
        var item = Fixtures.Json("""
            { "class_uid": 2005, "time": 1795000000000, "message": "Incident", "metadata": { "uid": "evt-1" },
              "finding_info_list": [ { "uid": "f-1" } ] }
            """);

        Assert.Equal("f-1", Fixtures.Single(_format, item).SourceId);
    }

    [Fact]
    public void Parse_DataSecurityFinding_ReadsDataCategoriesRecordCountBucketAndLifecycle()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("ocsf-data-security-finding-dlp.json"));

        Assert.Equal("dsf-20261122-0007", detection.SourceId);
        Assert.Equal(DetectionSeverity.Medium, detection.Severity);
        Assert.Equal("New", detection.SourceStatus);
        Assert.Equal(["Personal", "Email Address", "Phone Number"], detection.DataCategories);
        Assert.Equal(8100, detection.ApproxRecords);
        Assert.Equal(["arn:aws:s3:::ntc-public-assets", "ntc-public-assets"], detection.AssetRefs);
        Assert.Equal("Data at-Rest", detection.Evidence("data_security.data_lifecycle_state"));
        Assert.Equal("/ntc-public-assets/tmp/woodgrove-users.csv", detection.Evidence("file.path"));
        Assert.Equal("ci-deployer", detection.Evidence("user.name"));
    }

    [Fact]
    public void Parse_DataSecurityFinding_WithOnlyIds_NamesCategoryAndLifecycleFromTheEnums()
    {
        var item = Fixtures.Json("""
            { "class_uid": 2006, "time": 1795000000000, "finding_info": { "uid": "d-1", "title": "t" },
              "data_security": { "category_id": 3, "data_lifecycle_state_id": 2, "total": 12 } }
            """);

        var detection = Fixtures.Single(_format, item);

        Assert.Equal(["Financial"], detection.DataCategories);
        Assert.Equal("Data in-Transit", detection.Evidence("data_security.data_lifecycle_state"));
        Assert.Equal(12, detection.ApproxRecords);
    }

    [Theory]
    [InlineData(2004, true)]
    [InlineData(2005, true)]
    [InlineData(2006, true)]
    [InlineData(2001, false)]
    [InlineData(4001, false)]
    public void Recognizes_OnlyTheThreeFindingClasses(int classUid, bool expected)
    {
        Assert.Equal(expected, _format.Recognizes(Fixtures.Json($$"""{ "class_uid": {{classUid}} }""")));
    }

    [Fact]
    public void Recognizes_ClassUidAsText_IsNotOcsf()
    {
        Assert.False(_format.Recognizes(Fixtures.Json("""{ "class_uid": "2004" }""")));
    }

    [Fact]
    public void Parse_MissingUidAndTime_ReportsBothByPath()
    {
        var item = Fixtures.Json("""{ "class_uid": 2004, "finding_info": { "title": "t" } }""");

        var result = _format.Parse(item, "s", "$[3]");

        Assert.False(result.IsValid);
        Assert.Equal(["$[3].finding_info.uid", "$[3].time"], result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Parse_WrongTypes_ReportsEachField()
    {
        var item = Fixtures.Json("""
            { "class_uid": 2004, "time": "yesterday", "severity_id": "high", "is_suspected_breach": "yes",
              "finding_info": { "uid": 7, "title": "t", "created_time": true } }
            """);

        var result = _format.Parse(item, "s", "$");

        Assert.Equal(
            ["$.finding_info.created_time", "$.is_suspected_breach", "$.severity_id", "$.time"],
            result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Parse_MissingFindingInfo_IsAnError()
    {
        var result = _format.Parse(Fixtures.Json("""{ "class_uid": 2004, "time": 1795000000000 }"""), "s", "$");

        Assert.Equal("$.finding_info", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Parse_IncidentWithoutFindingList_IsAnError()
    {
        var result = _format.Parse(Fixtures.Json("""{ "class_uid": 2005, "time": 1795000000000, "finding_info_list": [] }"""), "s", "$");

        Assert.Equal("$.finding_info_list", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Parse_IncidentFindingWithoutUid_NamesTheListEntry()
    {
        var result = _format.Parse(Fixtures.Json("""{ "class_uid": 2005, "time": 1795000000000, "finding_info_list": [ { "uid": "a" }, { "title": "b" } ] }"""), "s", "$");

        Assert.Equal("$.finding_info_list[1].uid", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Parse_SeverityIdOutOfRange_IsAnError()
    {
        var item = Fixtures.Json("""{ "class_uid": 2004, "time": 1795000000000, "severity_id": 42, "finding_info": { "uid": "u", "title": "t" } }""");

        Assert.Equal("$.severity_id", Assert.Single(_format.Parse(item, "s", "$").Errors).Field);
    }

    [Fact]
    public void Parse_MissingTitle_FallsBackToMessage()
    {
        var item = Fixtures.Json("""{ "class_uid": 2004, "time": 1795000000000, "message": "From the message", "finding_info": { "uid": "u" } }""");

        Assert.Equal("From the message", Fixtures.Single(_format, item).Title);
    }
}
