# Read by the `flask` command (python-dotenv): no need to export FLASK_APP by hand.
FLASK_APP=workshop:create_app
