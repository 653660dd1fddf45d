using Vybe.Web.Accounts;
using Vybe.Web.Commands;
using Vybe.Web.Data;
using Vybe.Web.ErrorLog;
using Vybe.Web.History;
using Vybe.Web.Ocr;
using Vybe.Web.Operations;
using Vybe.Web.Readings;
using Vybe.Web.Web;
using Vybe.Web.WebVitals;

var invocation = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(invocation.HostArguments);
if (builder.Environment.IsEnvironment("Test"))
{
    // Browser tests run the app from its build output, whose wwwroot files are found through the
    // static web assets manifest; the framework turns that on by itself only in Development.
    builder.WebHost.UseStaticWebAssets();
}

builder.Services.AddVybeData(builder.Configuration, builder.Environment);
// Before accounts: hosted services stop in reverse order, so the error log outlives the mail worker's last rows.
builder.Services.AddErrorLog(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddReadings();
builder.Services.AddHistory();
builder.Services.AddOcr();
builder.WebHost.UseSentryWhenConfigured(builder.Configuration);
builder.Services.AddVybeWeb();
builder.Services.AddErrorLogAdmin();
builder.Services.AddWebVitals(builder.Configuration);
builder.Services.AddOperations();

var app = builder.Build();

if (invocation.Command is not null)
{
    return await CommandLine.RunAsync(app, invocation);
}

await app.MigrateDatabaseIfConfiguredAsync();
await app.ApplyConfiguredAdminsAsync();
app.LogActiveReadingWriter();
app.LogOcrAvailability();
app.UseVybeWeb();
await app.RunAsync();
return 0;

public partial class Program;
