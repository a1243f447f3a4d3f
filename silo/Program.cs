using DataSelection.Grains.Hosting;

var builder = WebApplication.CreateBuilder(args);

// builder.AddServiceDefaults(): telemetry, health endpoints and OpenAPI arrive with DataSelection.ServiceDefaults.
builder.UseOrleans(silo => silo.ConfigureLabSilo(builder.Configuration));

var app = builder.Build();
app.Run();
