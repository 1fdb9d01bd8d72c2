from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "netvaerk.accounts"
    label = "accounts"
