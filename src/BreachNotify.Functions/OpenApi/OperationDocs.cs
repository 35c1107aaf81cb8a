using System.Text.Json.Nodes;
using BreachNotify.Functions.Ingest;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace BreachNotify.Functions.OpenApi;

/// <summary>Summaries, tags, security, parameters, examples and response descriptions, per endpoint (by its name).</summary>
internal static class OperationDocs
{
    public const string ProblemJson = "application/problem+json";

    public static void Describe(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        switch (name)
        {
            case "Ingest":
                Ingest(operation, document);
                break;
            case "IncidentList":
                Commanders(operation, document, "List incidents", "Newest first; filter by `status` and by awareness time (`from`, `to`, ISO 8601).");
                Parameter(operation, "status", "An incident status (case-insensitive); 400 otherwise.");
                Parameter(operation, "from", "Only incidents the product became aware of at or after this time.");
                Parameter(operation, "to", "Only incidents the product became aware of before this time.");
                break;
            case "IncidentRead":
                Commanders(operation, document, "Read one incident", "Classification with its rationale, affected parties, deadlines, notices and timeline.");
                Parameter(operation, "id", "The incident id (from the ingest answer or the list).");
                Parameter(operation, "noticeLimit", "Optional: at most this many notices (1-1,000, default 1,000); `noticeCounts` still counts every one. 400 otherwise.");
                Parameter(operation, "noticesAfter", "Optional: the `noticesNext` of the previous page: its notices continue after that notice id. 400 for anything not a notice id.");
                break;
            case "IncidentDecision":
                Commanders(operation, document, "Decide an incident", "`approve` sends the notices, `reject` closes it, `reclassify` sets a verdict (with a comment as the reason), `edit` rewords the notices (`edits`) and leaves the incident awaiting a decision; `approve-update` approves the follow-up of an incident in `UpdatePending` (its `pendingChanges` show what changed since the notices went out); `close` closes an approved incident with `finalReport` (`rootCause`, `measuresTaken`, both required, at most 4000 characters; `dataRecovered` true, false or absent); `override-severity` sets ENISA (2013) inputs of the controller packs' severity estimate instead of the derived ones (`severity`: any of `dataType` simple|behavioural|financial|sensitive, `dataProcessingContext` 1-4, `easeOfIdentification` negligible|limited|significant|maximum, `confidentiality` none|knownRecipients|unknownRecipients, `integrity` none|alteredRecoverable|alteredUnrecoverable, `availability` none|temporary|permanent, `maliciousIntent`; a `comment` as the reason; a later override replaces the earlier one); `approve` may carry `edits` too, applied first. `edits`: `{ \"customer\": { nature, description, consequences, measures, message }, \"subprocessor\": { description, request, message } }`, each at most 4000 characters (an unknown field is a 400 naming it; edits after approval are a 409). Recorded in the timeline with the commander (the edited fields' names, not their text).");
                Parameter(operation, "id", "The incident id.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "SubprocessorChangeAnnounce":
                Commanders(operation, document, "Announce a sub-processor change", "`{ kind: add|replace|remove, subprocessor: { id, name, entity, purpose, location }, replaces (replace only), services: [...], regions: [...] (optional), effectiveAt (ISO 8601), comment }`. 201 with `id`, `status` (`AwaitingDecision`), `recipients` (the number of notices an approval sends), `customers` and `objectionDeadlines` (`customerId`, `noticeSentBy`, `objectByAt`). The customers concerned use the services (an opt-in service: only those opted in), narrowed by `regions`. 400 naming the field; 400 when `effectiveAt` leaves a customer less notice than its contract, naming `earliestEffectiveAt` and the `customers`. Nothing is stored on a 400. With an `Idempotency-Key` header (at most 200 printable ASCII characters) a retried announcement by the same commander answers with the change it made; the same key with another change is a 409.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "MatterRecord":
                Commanders(operation, document, "Record another notice a processor owes (law-enforcement request, supervisory inquiry, data-subject request, cannot comply, instruction infringes, required processing)", "`{ kind, customers: [...] or subjectIdentifier (a data-subject request: customers found by its email domain in `subjectIdentifierDomains`, joined with those the deployment's `SubjectLookup:Url` answers if configured), receivedAt (ISO 8601), summary, authority, disclosure, clause, respondBy, subjectRequestedAt (optional), legalProhibition: { basis, until (or null), reviewAt } (optional) }`. 201 with `id`, `status` (`AwaitingDecision`), `customers` and `dueAt` (a data-subject request: within the customer's `dataSubjectRequestForwardHours`, default 48; the others: `defaultMatterNoticeHours`, default 24; `respondBy` if sooner). 400 naming the field, nothing stored. `Idempotency-Key` as for sub-processor changes.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                Problem(operation, "502", "The deployment's subject lookup gave an unusable answer (problem+json); nothing stored.");
                Problem(operation, "503", "The deployment's subject lookup could not be reached or timed out (problem+json); nothing stored.");
                break;
            case "MatterList":
                Commanders(operation, document, "List the other notices' matters", "`{ items: [...] }`, newest first (recorded in the last 24 months, at most 200): id, kind, status, customers, receivedAt, dueAt, whether a prohibition holds. With `customer=ID`: that customer's register `{ customerId, items }` (one partition: each matter's due time for it, status, whether it is sending, and its answer `acknowledged` or `received-by-dpo`), 400 for an unknown customer. `format=csv` exports either as CSV.");
                Parameter(operation, "customer", "Optional: a customer id: its register of matters.");
                Parameter(operation, "format", "Optional: `json` (default) or `csv`.");
                break;
            case "MatterRead":
                Commanders(operation, document, "Read one matter", "`id, kind, status, customers[]` (due time and answer: `acknowledged` or `received-by-dpo`), `notices[]` (one per recipient frozen at approval), `prohibition` (basis, until, reviewAt, inForce, liftedAt) and `timeline[]`.");
                Parameter(operation, "id", "The matter id (`mtr-...`).");
                NoticePaging(operation);
                break;
            case "MatterDecision":
                Commanders(operation, document, "Decide a matter", "`{ decision: approve|reject|lift-prohibition, comment }`. Approval freezes the recipients; under a legal prohibition nothing is sent, even when approved, until the prohibition ends (`until`) or a commander lifts it; the timeline says so. 409 when the state does not allow it.");
                Parameter(operation, "id", "The matter id.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "MatterDrillReport":
                Commanders(operation, document, "Read a contact drill's report", "`{ matterId, status, decidedAt, counts { recipients, acknowledged, bounced, silent, notSent }, customers: [{ customerId, customerName, contacts: [{ noticeId, contactName, email, outcome, sentAt, acknowledgedAt, acknowledgedBy, bouncedAt, bounceReason }] }] }`; `outcome` is `acknowledged`, `bounced`, `silent` (sent, no answer) or `not-sent`. 404 when the matter is not a `contact-drill`. `format=csv` exports one row per contact.");
                Parameter(operation, "id", "The drill's matter id (`mtr-...`).");
                Parameter(operation, "format", "Optional: `json` (default) or `csv`.");
                break;
            case "MatterWaiverEffort":
                Commanders(operation, document, "Record an effort to have a legal prohibition waived", "`{ text }` (required, at most 4000 characters), on the matter's timeline with the commander. 409 when no prohibition holds.");
                Parameter(operation, "id", "The matter id.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "CustomerRegister":
                Commanders(operation, document, "Read a customer's register across every kind", "`{ customerId, customerName, items: [{ customerId, customerName, kind, matterId, phase, toldAt, dueAt, contacts }] }`, newest first: every incident (per phase), sub-processor change and other notice that froze recipients of this customer. 404 for a customer neither in the directory nor in any register. `format=csv` exports one row per entry.");
                LedgerFilters(operation);
                break;
            case "CustomerLedger":
                Commanders(operation, document, "Read a customer's ledger", "The register's entries, each with `consolePath` and `notices: [{ noticeId, contactName, email, status, sentAt, deliveredAt, bouncedAt, acknowledgedAt, acknowledgedBy }]` read from the matter's own partition. `format=csv` exports one row per notice.");
                LedgerFilters(operation);
                break;
            case "DrillScheduleCreate":
                Commanders(operation, document, "Schedule a contact drill", "`{ everyMonths: 1-24, startAt, customers?, summary, autoApprove? }`: at each occurrence (`startAt` plus a multiple of `everyMonths` calendar months) the outbox sweep records one contact drill (once, through restarts), waiting for approval unless `autoApprove`. `Idempotency-Key` makes a retry find its schedule. 400 naming the field, nothing stored.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "DrillScheduleList":
                Commanders(operation, document, "List drill schedules", "`{ items: [{ id, everyMonths, startAt, customers, summary, autoApprove, createdBy, createdAt, nextAt, updatedBy, updatedAt }] }`.");
                break;
            case "DrillScheduleRead":
                Commanders(operation, document, "Read a drill schedule", "The schedule as listed. 404 for no such schedule.");
                Problem(operation, "404", "No such drill schedule (problem+json).");
                break;
            case "DrillScheduleUpdate":
                Commanders(operation, document, "Edit a drill schedule", "The create's body, replacing every field (its id and creation stay); `nextAt` stays unless `startAt` or `everyMonths` changes, then it is the first occurrence after now (an edit never records a drill at once). 400 naming the field, nothing stored; 404 for no such schedule.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                Problem(operation, "404", "No such drill schedule (problem+json).");
                break;
            case "DrillScheduleDelete":
                Commanders(operation, document, "Delete a drill schedule", "204: it records no more drills; those it recorded stay. 404 for no such schedule.");
                Problem(operation, "404", "No such drill schedule (problem+json).");
                break;
            case "SubprocessorChangeList":
                Commanders(operation, document, "List sub-processor changes", "`{ items: [...] }`, newest first (announced in the last 24 months, at most 200).");
                break;
            case "SubprocessorChangeRead":
                Commanders(operation, document, "Read one sub-processor change", "The change, its customers' notice and objection deadlines, the recipients frozen at approval, objections, consents and timeline. `notices` has one entry per frozen recipient: its status (Pending until sent), sent and delivered times, the customer's `windowClosesAt`, and the recipient's acknowledgement or objection through its link.");
                Parameter(operation, "id", "The change id (`spc-...`).");
                NoticePaging(operation);
                break;
            case "SubprocessorChangeDecision":
                Commanders(operation, document, "Decide a sub-processor change", "`{ decision: approve|reject|withdraw, comment }`. Approval freezes the recipients (contact, locale, due time) and starts the objection windows; it is a 409 when it comes too late to give every customer its notice before `effectiveAt` (naming `earliestEffectiveAt`). Approval sends one notice per frozen recipient through the breach notices' exactly-once path; `withdraw` after approval sends the withdrawal notice to everyone notified.");
                Parameter(operation, "id", "The change id.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "SubprocessorObjectionOutcome":
                Commanders(operation, document, "Record how a customer's objection ended", "`{ outcome: cancelled|corrective-steps|feature-ceased|customer-stops|terminated|resolved, comment }` (the DPA's cure options, then termination). `corrective-steps` may be followed by a final outcome; after a final one a different outcome is a 409. `cancelled` cancels the change. 404 when the customer has not objected.");
                Parameter(operation, "id", "The change id.");
                Parameter(operation, "customerId", "The objecting customer's id.");
                operation.RequestBody?.Content?.Remove("*/*");
                Problem(operation, "413", "Payload too large (problem+json): the body is above 64 KiB.");
                Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
                break;
            case "SubprocessorPublicList":
                Tag(operation, document, "Incidents");
                operation.Summary = "The public sub-processor list (JSON)";
                operation.Description = "No authentication, no customer data: `current` (the directory's sub-processors with approved changes in effect applied) and `upcoming` (approved changes not yet in effect, with `effectiveAt`).";
                break;
            case "SubprocessorPublicPage":
                Tag(operation, document, "Incidents");
                operation.Summary = "The public sub-processor list (HTML)";
                operation.Description = "The same list as `/subprocessors.json`, as a page. No authentication, no customer data.";
                Html(operation, "200", "The current sub-processors and the upcoming approved changes.");
                break;
            case "SubprocessorPublicFeed":
                Tag(operation, document, "Incidents");
                operation.Summary = "The public sub-processor changes (Atom)";
                operation.Description = "One entry per approved change (newest announcement first), with its effective date. No authentication, no customer data.";
                Respond(operation, "200", "The Atom feed.", "application/atom+xml");
                break;
            case "DeliveryEvents":
                DeliveryEvents(operation, document);
                break;
            case "ControllerPack":
                Commanders(operation, document, "A customer's controller pack", "What one affected customer needs to file its own notification (GDPR Art. 33(3)): the facts concerning its data, the awareness chain (reporting sub-processor, processor, first notice sent), its due time and statutory clocks, and the ENISA (2013) severity estimate with its inputs, as guidance only. Schema: docs/schemas/controller-pack-v1.schema.json (version 1).");
                Parameter(operation, "id", "The incident id.");
                Parameter(operation, "customerId", "The customer's directory id; 404 when the incident does not affect it.");
                break;
            case "ControllerPackLink":
                Tag(operation, document, "Acknowledgement");
                operation.Summary = "A customer's controller pack from its notice's link (HTML or JSON)";
                operation.Description = "Authorised by the notice's acknowledgement token: the controller pack of the customer the breach notice went to (and no other), as a printable page, or with `format=json` as the JSON download (docs/schemas/controller-pack-v1.schema.json, version 1). Records nothing. 404 for a sub-processor's or a change notice, or a customer the incident no longer affects; 410 once the link expired.";
                Parameter(operation, "token", "The notice's acknowledgement token, from its link.");
                Parameter(operation, "format", "`html` (the default) or `json`.");
                break;
            case "NoticePreview":
                Commanders(operation, document, "Preview a notice", "The notice one recipient would get now (`subject`, `text`, `html`), commanders' edits included; the acknowledgement link is a placeholder.");
                Parameter(operation, "id", "The incident id.");
                Parameter(operation, "recipient", "The recipient key, `kind:partyId:contactIndex` (for example `customer:contoso:0`); 400 without it, 404 when the incident has no such recipient.");
                break;
            case "AcknowledgementPage":
                Tag(operation, document, "Acknowledgement");
                operation.Summary = "Show a notice and its Acknowledge form (HTML)";
                operation.Description = "The link of each notice. Shows the notice summary and records nothing (mail scanners follow links). A sub-processor change notice's page shows the change with an Acknowledge and an Object form, or says its window has closed.";
                Parameter(operation, "token", "The notice's acknowledgement token, from its link.");
                Html(operation, "200", "The notice and the form.");
                Html(operation, "404", "Unknown link.");
                Html(operation, "410", "Expired link.");
                break;
            case "AcknowledgementRecord":
                Tag(operation, document, "Acknowledgement");
                operation.Summary = "Record the acknowledgement of a notice (HTML form post)";
                operation.Description = "Posted by the form of the notice page (antiforgery token and cookie). Records time, typed name and client address; idempotent, the first acknowledgement stands. A sub-processor change notice takes `action=acknowledge` (the customer's consent) or `action=object` with `reason` (recorded on the change, a receipt mailed); after the customer's window closes, or once the change is withdrawn, 409 and nothing is recorded.";
                Parameter(operation, "token", "The notice's acknowledgement token, from its link.");
                AckForm(operation);
                Html(operation, "200", "Recorded (or already recorded).");
                Html(operation, "400", "Name missing (or a change objection's reason), unknown action, or form expired.");
                Html(operation, "404", "Unknown link.");
                Html(operation, "409", "A sub-processor change notice whose window has closed (or whose change is withdrawn): nothing recorded.");
                Html(operation, "410", "Expired link.");
                Html(operation, "415", "Not a form post.");
                Html(operation, "429", "Too many requests from this address.");
                break;
            case "Health":
                Tag(operation, document, "Health");
                operation.Summary = "Liveness";
                Text(operation, "200", "`ok`: the process answers.");
                break;
            case "Ready":
                Tag(operation, document, "Health");
                operation.Summary = "Readiness";
                Text(operation, "200", "`ready`: storage is reachable.");
                Problem(operation, "503", "Storage unreachable (problem+json).");
                break;
            default:
                break;
        }
    }

    private static void Ingest(OpenApiOperation operation, OpenApiDocument document)
    {
        Tag(operation, document, "Ingest");
        operation.Summary = "Post a detection from a SIEM";
        operation.Description = """
            One detection, an array, or the format's own wrapper with several alerts, in any supported JSON format; the
            format is detected from the body unless `format` (or `Sources:NAME:Format`) forces it. A `text/plain` body
            (UTF-8) is ArcSight CEF: one event per line, blank lines skipped, an optional syslog prefix before `CEF:`
            ignored; its errors name the line (`line 3.severity`). The whole body is authenticated, bounded, parsed and
            validated before anything is stored. A resend (same source and source id) answers 202 with the existing
            incident and `duplicate: true`; a changed resend is merged into its incident (`updated: true`).
            """;
        operation.Security =
        [
            Requirement(document, BreachNotifyOpenApi.SignatureScheme),
            Requirement(document, BreachNotifyOpenApi.SignatureScheme, BreachNotifyOpenApi.TimestampScheme),
            Requirement(document, BreachNotifyOpenApi.QueryTokenScheme),
        ];

        if (Parameter(operation, "source", "The name of the SIEM source (`Sources:NAME`): selects its secret, its authentication and its rate limit. Required (400 without it).") is { } source)
        {
            source.Required = true;
        }

        if (Parameter(operation, "format", "Forces the body's format instead of detecting it: one of " + string.Join(", ", IngestExamples.Formats.Select(f => $"`{f}`")) + " (`cef` only with `text/plain`, the others only with JSON; 415 otherwise).") is { } format)
        {
            format.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. IngestExamples.Formats.Select(f => (JsonNode)JsonValue.Create(f))] };
        }

        // Described here rather than by Accepts metadata, which would make routing refuse other types without a problem body.
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The detection(s) as the SIEM sends them; at most `Ingest:MaxBodyBytes` (default 1 MiB). One example per format.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [IngestEndpoints.JsonMediaType] = new()
                {
                    Schema = new OpenApiSchema { Description = "One detection, an array of them, or the format's own wrapper (any JSON format; also any `+json` type)." },
                    Examples = Examples(IngestExamples.JsonFormats),
                },
                [IngestEndpoints.TextMediaType] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CEF lines, UTF-8, one event per line (at most 500)." },
                    Examples = Examples(IngestExamples.TextFormats),
                },
            },
        };

        if (operation.Responses?.TryGetValue("202", out var accepted) == true && accepted is OpenApiResponse ok)
        {
            ok.Description = "Accepted and stored: one object for a detection posted as a JSON object, an array (one entry per detection) otherwise, always for CEF text.";
            if (ok.Content?.TryGetValue("application/json", out var media) == true && media.Schema is { } one)
            {
                media.Schema = new OpenApiSchema { OneOf = [one, new OpenApiSchema { Type = JsonSchemaType.Array, Items = one }] };
            }
        }

        Problem(operation, "400", "Invalid request (problem+json): no `source`, a body that is not JSON, or invalid fields (CEF: invalid lines), each named in `errors` with its messages.");
        Problem(operation, "401", "Not authenticated (problem+json): unknown source, missing or wrong signature or token, or a timestamp outside the tolerance.");
        Problem(operation, "413", "Payload too large (problem+json): the body is above `Ingest:MaxBodyBytes` (default 1 MiB).");
        Problem(operation, "415", "Unsupported media type (problem+json): send `application/json` (or a `+json` type) for the JSON formats, `text/plain` (UTF-8) for CEF; a forced `format` that does not read the body's type is refused too.");
        Problem(operation, "429", "Too many requests (problem+json): the source's rate limit (`Ingest:PermitsPerMinute`); retry after `Retry-After` seconds.");
        if (operation.Responses?.TryGetValue("429", out var limited) == true && limited is OpenApiResponse tooMany)
        {
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds until the source's window opens again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }
    }

    private static Dictionary<string, IOpenApiExample> Examples(IEnumerable<string> formats) =>
        formats.ToDictionary(f => f, f => (IOpenApiExample)new OpenApiExample { Summary = IngestExamples.Summaries[f], Value = IngestExamples.Body(f) });

    private static void DeliveryEvents(OpenApiOperation operation, OpenApiDocument document)
    {
        Tag(operation, document, "Delivery");
        operation.Summary = "Receive SendGrid's delivery events (Signed Event Webhook)";
        operation.Description = """
            SendGrid's Event Webhook posts a JSON array of events; each notice's events carry its `notice_ref`
            (`incidentId/noticeId`, a custom argument). `delivered` records the delivery (an acknowledged notice stays
            acknowledged), `deferred` records the reason while the notice is on its way, `bounce` and `dropped` mark the
            notice bounced and mail the commanders once per notice, naming the party and how many of its other contacts
            can still be reached. Repeats change nothing and a late event never downgrades a notice; events without a
            known `notice_ref` (and opens, clicks...) are counted and ignored.
            """;
        operation.Security = [Requirement(document, BreachNotifyOpenApi.SendGridSignatureScheme, BreachNotifyOpenApi.SendGridTimestampScheme)];
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
            body.Description = "The events as SendGrid posts them (a JSON array), at most 1 MiB; verified byte for byte.";
        }

        if (operation.Responses?.TryGetValue("200", out var recorded) == true && recorded is OpenApiResponse ok)
        {
            ok.Description = "Every event recorded: how many changed a notice, told nothing new, or named no notice of ours, and how many bounce alerts went out.";
        }

        operation.RequestBody?.Content?.Remove("*/*");
        Problem(operation, "400", "Invalid request (problem+json): the body is not a JSON array.");
        Problem(operation, "415", "Unsupported media type (problem+json): send application/json, in UTF-8.");
        Problem(operation, "401", "Not authenticated (problem+json): missing or wrong signature, or a timestamp more than 10 minutes from now; nothing is recorded.");
        Problem(operation, "413", "Payload too large (problem+json): the body is above 1 MiB.");
        Problem(operation, "503", "Not ready (problem+json): `SendGrid:EventWebhookPublicKey` is not configured, or a bounce alert could not be mailed yet; SendGrid posts again.");
    }

    private static void Commanders(OpenApiOperation operation, OpenApiDocument document, string summary, string description)
    {
        Tag(operation, document, "Incidents");
        operation.Summary = summary;
        operation.Description = description;
        operation.Security = [Requirement(document, BreachNotifyOpenApi.CommanderScheme)];
        Problem(operation, "400", "Invalid request (problem+json): the invalid fields are named in `detail` (and `errors`).");
        Problem(operation, "401", "Not authenticated (problem+json): a commander key is required, `Authorization: Bearer KEY`.");
        Problem(operation, "404", "No such incident (problem+json).");
        Problem(operation, "409", "The decision cannot be taken in the incident's current state (problem+json); `detail` says why.");
        Problem(operation, "429", "Too many failed authentications from this address (problem+json), with `Retry-After`: `ClientLimits:AuthFailuresPerMinute` wrong keys per minute lock the address out until the minute is over.");
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, params string[] schemes)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes)
        {
            requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
        }

        return requirement;
    }

    private static void Tag(OpenApiOperation operation, OpenApiDocument document, string tag)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == tag))
        {
            document.Tags.Add(new OpenApiTag { Name = tag });
        }

        operation.Tags = new HashSet<OpenApiTagReference> { new(tag, document) };
    }

    /// <summary>The filters a customer's register and ledger share.</summary>
    private static void LedgerFilters(OpenApiOperation operation)
    {
        Parameter(operation, "id", "The customer id.");
        Parameter(operation, "kind", "Optional: `incident`, `subprocessor-change` or an other notice's kind.");
        Parameter(operation, "from", "Optional: entries told at or after this ISO 8601 time.");
        Parameter(operation, "to", "Optional: entries told before this ISO 8601 time.");
        Parameter(operation, "format", "Optional: `json` (default) or `csv`.");
    }

    private static OpenApiParameter? Parameter(OpenApiOperation operation, string name, string description)
    {
        var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name);
        if (parameter is not null)
        {
            parameter.Description = description;
        }

        return parameter;
    }

    /// <summary>Describes a problem+json response the endpoint declares (<c>ProducesProblem</c>); leaves undeclared ones alone.</summary>
    private static void Problem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse problem)
        {
            problem.Description = description;
        }
        else if (status == "503" && operation.Responses is { } responses)
        {
            responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
            };
        }
    }

    private static void Html(OpenApiOperation operation, string status, string description) =>
        Respond(operation, status, description, "text/html");

    private static void Text(OpenApiOperation operation, string status, string description) =>
        Respond(operation, status, description, "text/plain");

    private static void Respond(OpenApiOperation operation, string status, string description, string mediaType)
    {
        operation.Responses ??= [];
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
        };
    }

    private static void AckForm(OpenApiOperation operation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200, Description = "The acknowledger's name (required)." },
            ["comment"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000, Description = "Optional comment." },
            ["action"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A sub-processor change notice only: `acknowledge` or `object`." },
            ["reason"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000, Description = "A sub-processor change objection's reason (required with `action=object`)." },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The notice page's form, with its antiforgery field and cookie.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { "name" }, Properties = properties },
                },
            },
        };
    }

    /// <summary>A change's and a matter's read page their notices as the incident read does.</summary>
    private static void NoticePaging(OpenApiOperation operation)
    {
        Parameter(operation, "noticeLimit", "Optional: at most this many notices (1-1,000, default 1,000), in notice-id order. 400 otherwise.");
        Parameter(operation, "noticesAfter", "Optional: the `noticesNext` of the previous page: its notices continue after that notice id. 400 for anything not a notice id.");
    }
}
