# syntax=docker/dockerfile:1
# The silo host (grains, Redis membership and storage in cluster mode). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t dataselection-silo .
# No HEALTHCHECK: Kubernetes probes and compose healthchecks call /health/live and /health/ready.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is cached across source edits.
COPY Directory.Build.props Directory.Packages.props ./
COPY grains/DataSelection.Simulation/DataSelection.Simulation.csproj grains/DataSelection.Simulation/
COPY grains/DataSelection.Contracts/DataSelection.Contracts.csproj grains/DataSelection.Contracts/
COPY grains/DataSelection.Grains/DataSelection.Grains.csproj grains/DataSelection.Grains/
COPY hosting/DataSelection.ServiceDefaults/DataSelection.ServiceDefaults.csproj hosting/DataSelection.ServiceDefaults/
COPY silo/DataSelection.Silo.csproj silo/
RUN dotnet restore silo/DataSelection.Silo.csproj
COPY grains/ grains/
COPY hosting/ hosting/
COPY silo/ silo/
RUN dotnet publish silo/DataSelection.Silo.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The image's unprivileged user (APP_UID, 1654) owns only the data directory; the app files stay root-owned.
RUN mkdir -p /var/lib/dataselection && chown "$APP_UID" /var/lib/dataselection
WORKDIR /app
COPY --from=build /app ./
ENV Urls=http://+:8080 \
    DataSelection__Mode=silo \
    DataSelection__DataDirectory=/var/lib/dataselection \
    DataSelection__SiloPort=11111 \
    DataSelection__GatewayPort=30000 \
    DOTNET_gcServer=1
# 11111 silo-to-silo, 30000 Orleans clients (the gateways), 8080 HTTP: /health/live, /health/ready, /metrics.
EXPOSE 11111 30000 8080
VOLUME /var/lib/dataselection
USER $APP_UID
ENTRYPOINT ["dotnet", "DataSelection.Silo.dll"]
