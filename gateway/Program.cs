using DataSelection.Gateway.Hosting;
using DataSelection.Gateway.Ops;
using DataSelection.Gateway.Hubs;
using DataSelection.Grains.Hosting;
using DataSelection.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
if (LabSiloSettings.From(builder.Configuration).Mode == LabHostingMode.Client)
{
    // Client mode: an Orleans client of the silos; any number of gateways side by side.
    builder.UseOrleansClient(client => client.ConfigureLabClient(builder.Configuration));
}
else
{
    // Embedded mode: the gateway hosts the lab's silo in-process.
    builder.UseOrleans(silo => silo.ConfigureLabSilo(builder.Configuration));
}
builder.AddLabAuthentication();
builder.Services.AddLabRateLimits(builder.Configuration);
builder.Services.AddLabHubLimits(builder.Configuration);
builder.Services.AddLabApi();
builder.Services.AddLabPush();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRequestBodyLimit();
app.UseUtf8RequestBodies();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapLabEndpoints();
app.MapOpsDashboard();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
